namespace ClusterNet.Core.Topology;

/// <summary>
/// A problem the topology reveals. <see cref="Code"/> is one of <see cref="WarningCode"/>; <see cref="Object"/> names the
/// object ("Node/node01", "ConfigMap/kube-system/kube-flannel-cfg"), <see cref="Field"/> the field, and
/// <see cref="Line"/>/<see cref="Column"/> point into embedded config text when that is where the problem is.
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
    public const string Error = "error";
    public const string Warning = "warning";
    public const string Info = "info";

    public override string ToString()
    {
        var where = string.Join(", ", new[]
        {
            Object, Field is null ? null : $"field {Field}", Line is { } l ? $"line {l}" + (Column is { } c ? $" column {c}" : "") : null,
        }.Where(s => !string.IsNullOrEmpty(s)));
        return where.Length == 0 ? $"{Severity} [{Code}]: {Message}" : $"{Severity} [{Code}] {where}: {Message}";
    }
}
