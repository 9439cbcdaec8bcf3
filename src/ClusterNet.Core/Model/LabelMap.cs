using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>Shared empty/constructor helpers for label and annotation maps.</summary>
public static class LabelMap
{
    public static readonly ImmutableDictionary<string, string> Empty = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public static ImmutableDictionary<string, string> From(IEnumerable<KeyValuePair<string, string>>? pairs) =>
        pairs is null ? Empty : Empty.SetItems(pairs);

    public static ImmutableDictionary<string, string> Of(params (string Key, string Value)[] pairs) =>
        Empty.SetItems(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
}
