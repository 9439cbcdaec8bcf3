using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The wire shape of a topology finding in <c>GET /api/topology</c> and <c>clusternet topology</c> JSON
/// (<c>{"code","severity","message","object","field","elementId","line","column"}</c>) and its stderr line; the graph
/// itself carries <see cref="Finding"/>s (<see cref="TopologyFindings.ToWire"/> maps them).
/// </summary>
public sealed record TopologyWarning(
    string Code,
    string Severity,
    string Message,
    string? Object = null,
    string? Field = null,
    string? ElementId = null,
    int? Line = null,
    int? Column = null)
{
    public override string ToString()
    {
        var where = string.Join(", ", new[]
        {
            Object, Field is null ? null : $"field {Field}", Line is { } l ? $"line {l}" + (Column is { } c ? $" column {c}" : "") : null,
        }.Where(s => !string.IsNullOrEmpty(s)));
        return where.Length == 0 ? $"{Severity} [{Code}]: {Message}" : $"{Severity} [{Code}] {where}: {Message}";
    }
}
