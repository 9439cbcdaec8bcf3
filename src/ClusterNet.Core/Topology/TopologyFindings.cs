using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The topology's problems as <see cref="Finding"/>s (area Topology, the graph element to highlight in
/// <see cref="Finding.ElementId"/>), and their mapping to the wire DTO the JSON and CLI contracts keep.
/// </summary>
public static class TopologyFindings
{
    /// <summary>The subject of a finding about no one object (the wire's <c>object</c> is then absent).</summary>
    public const string ClusterSubject = "cluster";

    internal static Finding Create(
        string code, Severity severity, string message, string? obj = null, string? field = null, string? elementId = null, int? Line = null, int? Column = null) => new()
    {
        Area = FindingArea.Topology,
        Code = code,
        Severity = severity,
        Message = message,
        Subject = obj ?? ClusterSubject,
        Field = field,
        ElementId = elementId,
        Location = Line is null && Column is null ? null : new FindingLocation(Line: Line, Column: Column),
    };

    /// <summary>The wire DTO: the topology's severity words ("error", "warning", "info") and field names as always.</summary>
    public static TopologyWarning ToWire(Finding f) => new(
        f.Code,
        SeverityText.Of(f.Severity),
        f.Message,
        f.Subject == ClusterSubject ? null : f.Subject,
        f.Field,
        f.ElementId,
        f.Location?.Line,
        f.Location?.Column);

    /// <summary>The CLI's stderr line ("warning [podcidr-missing] Node/node02, field spec.podCIDR: …").</summary>
    public static string ToText(Finding f) => ToWire(f).ToString();
}
