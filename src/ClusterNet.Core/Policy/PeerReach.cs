using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>One other pod in a <see cref="PodReachability"/>.</summary>
public sealed record PeerReach(ObjectKey Pod, bool Allowed, ReachVerdict Verdict);
