using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// A ServiceAccount's metadata only (name, namespace, labels): Calico's serviceAccountSelector and a rule's
/// serviceAccounts.selector match a pod by the labels of the account it runs as. Token secrets are never read.
/// </summary>
public sealed record ServiceAccountInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;

    public ObjectKey Key => new(Namespace, Name);
}
