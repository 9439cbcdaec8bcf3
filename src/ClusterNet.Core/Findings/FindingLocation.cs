namespace ClusterNet.Core.Findings;

/// <summary>
/// Where in the input a problem sits: a file and document for file sources, a line and column inside embedded config
/// text (net-conf.json, a Corefile) or a manifest.
/// </summary>
public sealed record FindingLocation(string? File = null, int? Document = null, int? Line = null, int? Column = null)
{
    public override string ToString() => string.Join(", ", new[]
    {
        File, Document is { } d ? $"document {d}" : null, Line is { } l ? $"line {l}" + (Column is { } c ? $" column {c}" : "") : null,
    }.Where(s => !string.IsNullOrEmpty(s)));
}
