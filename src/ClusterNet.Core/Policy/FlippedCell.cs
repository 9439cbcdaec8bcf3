using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>A cell whose verdict differs after what-if edits.</summary>
public sealed record FlippedCell(ObjectKey From, ObjectKey To, ReachProbe Probe, ReachVerdict Before, ReachVerdict After, bool AllowedBefore, bool AllowedAfter)
{
    /// <summary>True when the allowed/denied outcome changed (not only the implementation caveat).</summary>
    public bool OutcomeChanged => AllowedBefore != AllowedAfter;
}
