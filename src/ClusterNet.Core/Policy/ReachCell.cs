using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>One cell of a matrix: from, to, probe and the verdict (Allowed follows the conformance expectation).</summary>
public sealed record ReachCell(ObjectKey From, ObjectKey To, ReachProbe Probe, bool Allowed, ReachVerdict Verdict);
