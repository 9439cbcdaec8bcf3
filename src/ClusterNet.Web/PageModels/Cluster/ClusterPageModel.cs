using ClusterNet.Core.Model;
using ClusterNet.Web.Api;
using ClusterNet.Web.Shell;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Views;

namespace ClusterNet.Web.PageModels.Cluster;

/// <summary>
/// The Cluster page without a renderer: snapshot and URL state in, <see cref="ClusterPageView"/> out. The view is
/// reused while neither the snapshot nor the query changed (a render for another reason costs nothing), and shared by
/// every circuit showing the same snapshot and query ("cluster.view" in <see cref="SnapshotCaches"/>).
/// </summary>
public sealed class ClusterPageModel(SnapshotCaches? caches = null)
{
    public const string CacheName = "cluster.view";

    /// <summary>Views kept across circuits: tabs, namespace filters and searches in use.</summary>
    public const int Capacity = 32;

    private readonly SnapshotCache<ClusterPageQuery, ClusterPageView> _views =
        (caches ?? new SnapshotCaches()).Get<ClusterPageQuery, ClusterPageView>(CacheName, Capacity, ApproximateBytes);

    private ClusterPageView? _view;

    /// <summary>The view for <paramref name="snapshot"/> and <paramref name="query"/>, computed once per pair.</summary>
    public ClusterPageView Update(ClusterSnapshot snapshot, ClusterPageQuery query)
    {
        if (_view is { } view && ReferenceEquals(view.Snapshot, snapshot) && view.Query == query)
        {
            return view;
        }

        _view = _views.Get(snapshot, snapshot.Version, query, () => Build(snapshot, query));
        return _view;
    }

    /// <summary>An estimate: the lists' references and the rows' own strings (the objects are the snapshot's).</summary>
    private static long ApproximateBytes(ClusterPageView v) =>
        (8L * (v.Pods.Count + v.Nodes.Count + v.Namespaces.Count)) + (40L * v.Nodes.Count)
        + v.Services.Sum(r => 48 + ApproximateSize.String(r.Ports) + ApproximateSize.String(r.External) + ApproximateSize.String(r.Endpoints));

    /// <summary>Whether a batch changed anything the page shows: the listed kinds, or any kind's sync status.</summary>
    public static bool IsVisibleChange(ClusterSnapshot previous, ClusterSnapshot next, IReadOnlyCollection<string> changedKinds) =>
        changedKinds.Any(Watched.Contains)
        || previous.Connection != next.Connection
        || !ReferenceEquals(previous.Kinds, next.Kinds) && !previous.Kinds.SequenceEqual(next.Kinds)
        || previous.Diagnostics != next.Diagnostics;

    private static readonly HashSet<string> Watched =
        [ResourceKind.Nodes, ResourceKind.Pods, ResourceKind.Services, ResourceKind.Endpoints, ResourceKind.Namespaces];

    public static ClusterPageView Build(ClusterSnapshot s, ClusterPageQuery query)
    {
        // Plain passes over the pods: at 50,000 pods LINQ grouping here cost more than the rest of a live change.
        var podsPerNode = new Dictionary<string, int>(StringComparer.Ordinal);
        var runningReady = 0;
        foreach (var p in s.Pods)
        {
            if (p.NodeName is { } node)
            {
                podsPerNode[node] = podsPerNode.GetValueOrDefault(node) + 1;
            }

            if (p.Phase == "Running" && p.Ready)
            {
                runningReady++;
            }
        }

        var namespaces = ClusterFilter.Namespaces(s);
        return new ClusterPageView
        {
            Query = query,
            Snapshot = s,
            IsEmpty = ClusterEmptiness.IsEmpty(s),
            Summary = new ClusterSummary(
                s.Nodes.Count(n => n.Ready == true), s.Nodes.Count,
                runningReady, s.Pods.Count,
                s.Services.Count, namespaces.Count,
                s.Kinds.Values.Count(k => k.State is not (KindState.Synced or KindState.NotServed))),
            Nodes = [.. ClusterFilter.Nodes(s, query.Text).OrderBy(n => n.Name, NaturalStringComparer.Instance).Select(n => new NodeRow(n, podsPerNode.GetValueOrDefault(n.Name)))],
            Pods = [.. ClusterFilter.Pods(s, query.Namespace, query.Text).OrderBy(p => p.Namespace, NaturalStringComparer.Instance).ThenBy(p => p.Name, NaturalStringComparer.Instance)],
            Services = [.. ClusterFilter.Services(s, query.Namespace, query.Text).OrderBy(v => v.Namespace, NaturalStringComparer.Instance).ThenBy(v => v.Name, NaturalStringComparer.Instance).Select(v => Row(s, v))],
            Namespaces = namespaces,
            Kinds = [.. KindOrder.Of(s).Select(k => new KindRow(k, s.Kinds[k], ObjectsText(s.Kinds[k])))],
            InputProblems = [.. s.Diagnostics.Select(d => d.ToFinding())],
        };
    }

    private static ServiceRow Row(ClusterSnapshot s, ServiceInfo v) => new(
        v,
        string.Join(", ", v.Ports.Select(p => $"{p.Port}{(p.NodePort is { } n ? ":" + n : "")}/{p.Protocol}")),
        string.Join(", ", v.LoadBalancerIngress.Select(i => i.Ip ?? i.Hostname).Concat(v.ExternalIps)),
        v.Type is "NodePort" or "LoadBalancer" ? v.ExternalTrafficPolicy ?? "Cluster" : "",
        EndpointText(s, v));

    /// <summary>"2/3 ready", "none" (a selector that picks no ready or unready address) or "manual" (no selector).</summary>
    public static string EndpointText(ClusterSnapshot s, ServiceInfo service)
    {
        var addresses = s.EndpointsOf(service).SelectMany(e => e.Addresses).ToList();
        return addresses.Count == 0 ? (service.Selector is null ? "manual" : "none") : $"{addresses.Count(a => a.Ready)}/{addresses.Count} ready";
    }

    private static string ObjectsText(KindStatus status) => status.State == KindState.Syncing
        ? $"{status.Loaded:N0}{(status.Expected is { } e ? $" / {e:N0}" : "")}"
        : status.Count.ToString("N0");
}
