using ClusterNet.Core.Policy;

namespace ClusterNet.Web.Api.Policy;

/// <summary>A cell whose verdict changes with the what-if edits; verdicts serialize as allowed, denied, dependsOnImplementation.</summary>
public sealed record FlippedCellDto(string From, string To, int Port, string Protocol, ReachVerdict Before, ReachVerdict After, bool AllowedBefore, bool AllowedAfter)
{
    public static FlippedCellDto Of(FlippedCell c) =>
        new(c.From.ToString(), c.To.ToString(), c.Probe.Port, c.Probe.Protocol, c.Before, c.After, c.AllowedBefore, c.AllowedAfter);
}
