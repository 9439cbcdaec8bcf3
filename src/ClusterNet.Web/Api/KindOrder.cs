using ClusterNet.Core.Model;

namespace ClusterNet.Web.Api;

/// <summary>Kinds of a snapshot in <see cref="ResourceKind.All"/> order (then any others), so JSON output is stable.</summary>
public static class KindOrder
{
    public static IEnumerable<string> Of(ClusterSnapshot snapshot) =>
        ResourceKind.All.Where(snapshot.Kinds.ContainsKey)
            .Concat(snapshot.Kinds.Keys.Where(k => !ResourceKind.All.Contains(k)).Order(StringComparer.Ordinal));
}
