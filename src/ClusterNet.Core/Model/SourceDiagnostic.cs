namespace ClusterNet.Core.Model;

/// <summary>
/// A problem reading input: names where (file, document index, line, object, field) and what.
/// Severity: error (object skipped or field ignored) or warning.
/// </summary>
public sealed record SourceDiagnostic(string Severity, string Message, string? File = null, int? Document = null, int? Line = null, int? Column = null, string? Object = null, string? Field = null)
{
    public override string ToString()
    {
        var where = string.Join(", ", new[]
        {
            File, Document is { } d ? $"document {d}" : null, Line is { } l ? $"line {l}" + (Column is { } c ? $" column {c}" : "") : null,
            Object, Field is null ? null : $"field {Field}",
        }.Where(s => !string.IsNullOrEmpty(s)));
        return where.Length == 0 ? $"{Severity}: {Message}" : $"{Severity}: {where}: {Message}";
    }
}
