namespace ClusterNet.Core.Topology;

/// <summary>
/// The NetworkPolicy verdict at the end of a walk: <see cref="Verdict"/> is allowed, denied or depends (implementation-defined);
/// <see cref="Enforced"/> says whether the CNI applies policies at all (flannel alone does not).
/// </summary>
public sealed record PacketPolicyVerdict(string Verdict, string Explanation, string? Caveat = null, bool? Enforced = null);
