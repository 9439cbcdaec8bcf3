using ClusterNet.Core.Model;

namespace ClusterNet.Web.Api;

/// <summary>Kinds of a snapshot in <see cref="ResourceKind.All"/> order (then any others), so JSON output is stable.</summary>
public static class KindOrder
{
    public static IEnumerable<string> Of(ClusterSnapshot snapshot) => Of(snapshot.Kinds);

    /// <summary>The same order from the kinds' statuses alone (components that must not hold the whole snapshot).</summary>
    public static IEnumerable<string> Of(IReadOnlyDictionary<string, KindStatus> kinds) =>
        ResourceKind.All.Where(kinds.ContainsKey)
            .Concat(kinds.Keys.Where(k => !ResourceKind.All.Contains(k)).Order(StringComparer.Ordinal));
}
