namespace ClusterNet.Core.Topology;

/// <summary>A problem in embedded config text (e.g. net-conf.json): 1-based line and column when known.</summary>
public sealed record ConfigError(string Message, int? Line = null, int? Column = null, string? Field = null)
{
    public override string ToString() =>
        (Line is { } l ? $"line {l}" + (Column is { } c ? $" column {c}" : "") + ": " : "") + (Field is null ? "" : $"{Field}: ") + Message;
}
