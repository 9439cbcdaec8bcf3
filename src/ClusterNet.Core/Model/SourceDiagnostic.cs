using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Model;

/// <summary>
/// A problem reading input: names where (file, document index, line, object, field) and what.
/// Severity: error (object skipped or field ignored) or warning.
/// <see cref="ToString"/> is the CLI's stderr line (README contract); every page shows it as a <see cref="Finding"/>
/// through <see cref="ToFinding"/>, the one mapping.
/// </summary>
public sealed record SourceDiagnostic(string Severity, string Message, string? File = null, int? Document = null, int? Line = null, int? Column = null, string? Object = null, string? Field = null)
{
    public const string Error = "error";
    public const string Warning = "warning";

    /// <summary>The finding code of an input problem: <c>input-error</c> or <c>input-warning</c>.</summary>
    public string Code => Severity == Error ? "input-error" : "input-warning";

    public override string ToString()
    {
        var where = string.Join(", ", new[]
        {
            File, Document is { } d ? $"document {d}" : null, Line is { } l ? $"line {l}" + (Column is { } c ? $" column {c}" : "") : null,
            Object, Field is null ? null : $"field {Field}",
        }.Where(s => !string.IsNullOrEmpty(s)));
        return where.Length == 0 ? $"{Severity}: {Message}" : $"{Severity}: {where}: {Message}";
    }

    /// <summary>
    /// This problem as a <see cref="Finding"/> of <see cref="FindingArea.Input"/>: error → Error, warning → Warning;
    /// the subject is the object (else the file, else "input"), the location the file/document/line/column.
    /// </summary>
    public Finding ToFinding() => new()
    {
        Area = FindingArea.Input,
        Code = Code,
        Severity = Severity == Error ? Findings.Severity.Error : Findings.Severity.Warning,
        Subject = Object ?? File ?? "input",
        Field = Field,
        Location = File is null && Document is null && Line is null ? null : new FindingLocation(Object is null ? null : File, Document, Line, Column),
        Message = Message,
    };
}
