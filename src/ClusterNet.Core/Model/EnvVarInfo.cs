namespace ClusterNet.Core.Model;

/// <summary>
/// One container environment variable the analyzers need (Calico's pool and MTU settings): a literal value or a
/// ConfigMap key reference. Only names in <see cref="NetworkEnvNames"/> are kept, so no other env value (which can
/// hold credentials) is ever read into the snapshot; Secret references are never followed.
/// </summary>
public sealed record EnvVarInfo
{
    public required string Name { get; init; }
    /// <summary>The literal value, null when the variable comes from <see cref="ConfigMapName"/>.</summary>
    public string? Value { get; init; }
    public string? ConfigMapName { get; init; }
    public string? ConfigMapKey { get; init; }
}
