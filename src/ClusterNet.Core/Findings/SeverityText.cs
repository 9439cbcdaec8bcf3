namespace ClusterNet.Core.Findings;

/// <summary>The severity's word on every page, in the CLI and in new JSON ("info", "notice", "warning", "error", "critical").</summary>
public static class SeverityText
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Notice => "notice",
        Severity.Warning => "warning",
        Severity.Error => "error",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        foreach (var s in Enum.GetValues<Severity>())
        {
            if (string.Equals(Of(s), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                severity = s;
                return true;
            }
        }

        severity = Severity.Info;
        return false;
    }
}
