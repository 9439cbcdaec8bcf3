using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;
using ClusterNet.Core.Topology.Levels;
using ClusterNet.Core.Topology.Overlay;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Topology;

namespace ClusterNet.Web.PageModels.Topology;

/// <summary>
/// The Topology page without a renderer: URL state (through the Core parsers), the snapshot and the selection in, one
/// <see cref="TopologyView"/> out. Owns the caching: the graph per snapshot (<see cref="TopologyService"/>), levels and
/// pick lists shared between circuits (<see cref="TopologyViewCache"/>), the walk per
/// query and snapshot version, the overlay per pod, probe, direction and the kinds it is computed from (pods, namespaces,
/// policies: the store keeps unchanged kinds by reference, so a snapshot that changed only Services keeps the overlay).
/// Snapshots are recomputed off the renderer's thread (<see cref="UpdateAsync"/>), the newest request winning.
/// </summary>
public sealed class TopologyPageModel(TopologyService topology, PolicyEngineCache engines, TopologyViewCache? shared = null)
{
    // Levels and pick lists are the same for every circuit on the same snapshot: computed once (a model made without DI
    // gets its own).
    private readonly TopologyViewCache _shared = shared ?? new TopologyViewCache();
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _background = new(1, 1);
    private long _requested;
    private (WalkCacheKey Key, PacketWalkResult? Walk)? _walk;
    private (OverlayCacheKey Key, ReachabilityOverlay? Overlay)? _overlay;
    private string? _lastFrom;

    public TopologyView? View { get; private set; }

    /// <summary>How many walks were computed (tests check the cache).</summary>
    public int WalksComputed { get; private set; }

    /// <summary>How many overlays were computed (tests check the cache).</summary>
    public int OverlaysComputed { get; private set; }

    /// <summary>The configured fold thresholds the graph draws with.</summary>
    public int AggregateAbove => topology.Settings.AggregateAbove;

    public int FoldVethsAbove => topology.Settings.FoldVethsAbove;

    /// <summary>
    /// <see cref="Update"/> on a background thread, for a new snapshot (building a big graph or overlay takes a while).
    /// Null when a newer request came in meanwhile: the newest wins, stale views are never returned.
    /// </summary>
    public async Task<TopologyView?> UpdateAsync(ClusterSnapshot snapshot, QueryInput url, ObjectRef? selection)
    {
        var ticket = Interlocked.Increment(ref _requested);
        await _background.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ticket != Interlocked.Read(ref _requested))
            {
                return null;
            }

            return await Task.Run(() =>
            {
                lock (_sync)
                {
                    var view = Compute(snapshot, url, selection);
                    if (ticket != Interlocked.Read(ref _requested))
                    {
                        return null;
                    }

                    View = view;
                    return view;
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            _background.Release();
        }
    }

    /// <summary>A foreground <see cref="Update"/> is about to answer: background results still running are stale.</summary>
    public void Supersede() => Interlocked.Increment(ref _requested);

    /// <summary>Recomputes the view for <paramref name="snapshot"/>, the page's URL <paramref name="url"/> and the selection.</summary>
    public TopologyView Update(ClusterSnapshot snapshot, QueryInput url, ObjectRef? selection)
    {
        lock (_sync)
        {
            View = Compute(snapshot, url, selection);
            return View;
        }
    }

    private TopologyView Compute(ClusterSnapshot snapshot, QueryInput url, ObjectRef? selection)
    {
        var graph = _shared.Graph(snapshot, topology.Get);
        var query = TopologyQueryParser.Parse(url).Query ?? TopologyQuery.Empty;
        var selectedId = ElementIdOf(selection);
        var selectedPod = ElementIds.PodOf(selectedId);

        // The walk.
        var from = Blank(url.Get("from"));
        var to = Blank(url.Get("to"));
        // "Walk a packet from here" (on this page or from another) names the source only: the form asks for the other end.
        var focusTo = from is not null && to is null && from != _lastFrom;
        _lastFrom = from;
        var walk = Walk(snapshot, url, from, to);

        // The overlay.
        var overlayQuery = OverlayQueryParser.Parse(url);
        var (overlay, overlayMessage) = Overlay(snapshot, overlayQuery, selectedPod);

        var path = walk is { Error: null } w ? [.. w.PathElementIds, .. w.PathEdgeIds] : ImmutableArray<string>.Empty;
        var overlayStates = overlay?.ElementStates();
        var (level, levelQuery, levelError) = Level(graph, url, selectedPod, overlayStates, path);

        var facts = ClusterFacts.Of(snapshot);
        var lists = _shared.Lists(snapshot);
        return new TopologyView
        {
            Level = level,
            LevelQuery = levelQuery,
            LevelError = levelError,
            DrawnSelectedId = selectedId is null ? null : level.Shown(selectedId) ?? selectedId,
            DrawnPath = [.. path.Select(id => level.Shown(id) ?? id).Distinct(StringComparer.Ordinal)],
            Graph = graph,
            Version = snapshot.Version,
            Disconnected = snapshot.Connection == ConnectionState.Disconnected,
            IncompleteKinds = TopologyCompleteness.MissingKinds(snapshot),
            Warnings = [.. graph.Warnings.Where(w => w.Severity > Severity.Info)],
            Facts = FactsOf(graph, facts),
            Namespaces = lists.Namespaces,
            Nodes = [.. graph.Nodes.Keys.Order(NaturalStringComparer.Instance)],
            Pods = lists.Pods,
            WalkTargets = lists.WalkTargets,
            Query = query,
            WalkForm = new WalkForm(from, to,
                int.TryParse(url.Get("port"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port) ? port : QueryDefaults.Port,
                Blank(url.Get("protocol"))?.Trim().ToUpperInvariant() ?? QueryDefaults.Protocol),
            Walk = walk,
            Path = path,
            FocusWalkTo = focusTo,
            OverlayQuery = overlayQuery,
            Overlay = overlay,
            OverlayStates = overlayStates,
            OverlayMessage = overlayMessage,
            SelectedElementId = selectedId,
            SelectedPod = selectedPod,
            FileStem = $"topology-{snapshot.Source.Name}-v{snapshot.Version.ToString(CultureInfo.InvariantCulture)}".Replace(' ', '-'),
        };
    }

    /// <summary>
    /// The graph element a selection stands for: graph selections ("topology/pod/dev/a") and, for global search on this
    /// page, pods, Services and nodes.
    /// </summary>
    public static string? ElementIdOf(ObjectRef? target) => target switch
    {
        null => null,
        { Kind: TopologyRef.Kind } => TopologyRef.ElementId(target),
        { Kind: ResourceKind.Pods } => ElementIds.Pod(target.Key.Namespace, target.Key.Name),
        { Kind: ResourceKind.Services } => ElementIds.Service(target.Key.Namespace, target.Key.Name),
        { Kind: ResourceKind.Nodes } => ElementIds.Node(target.Key.Name),
        _ => null,
    };

    /// <summary>
    /// A cluster object picked elsewhere (global search) that is drawn on the graph, as the graph selection a click
    /// makes, so the same panel opens; null when <paramref name="target"/> already is one or is not drawn.
    /// </summary>
    public static ObjectRef? AsGraphSelection(ObjectRef? target, TopologyGraph graph) =>
        target is { Kind: not TopologyRef.Kind } && ElementIdOf(target) is { } id && graph.Element(id) is not null ? TopologyRef.Of(id) : null;

    /// <summary>The walk endpoint an element stands for: ns/pod for pods (and their veths), svc/ns/name for Services.</summary>
    public static string? WalkEndOf(TopologyElement element) => element.Kind switch
    {
        ElementKind.Pod or ElementKind.HostNetworkPod => element.Id[4..],
        ElementKind.Veth => element.Id[5..],
        ElementKind.Service => element.Id,
        _ => null,
    };

    /// <summary>The URL parameters of the walk form's "Walk" button (the port as typed, the endpoint reset).</summary>
    public static (string Name, string? Value)[] WalkParameters(string? from, string? to, int port, string? protocol) =>
    [
        ("from", Blank(from?.Trim())), ("to", Blank(to?.Trim())), ("port", port.ToString(CultureInfo.InvariantCulture)), ("protocol", protocol), ("endpoint", null),
    ];

    public static readonly (string Name, string? Value)[] ClearWalkParameters = [("from", null), ("to", null), ("port", null), ("protocol", null), ("endpoint", null)];

    /// <summary>
    /// The overlay's URL parameters. Turning the overlay on pins the selected pod (opod), so clicking another pod afterwards
    /// selects it as a peer instead of moving the overlay; "Overlay from this pod" moves it.
    /// </summary>
    public (string Name, string? Value)[] OverlayParameters(OverlayQuery next) =>
        [.. OverlayQueryParser.ToParameters(next, View?.SelectedPod?.ToString())];

    private PacketWalkResult? Walk(ClusterSnapshot snapshot, QueryInput url, string? from, string? to)
    {
        if (from is null || to is null)
        {
            _walk = null;
            return null;
        }

        var parsed = PacketWalkQueryParser.Parse(url);
        var key = new WalkCacheKey(parsed.Query, parsed.Ok ? null : parsed.Errors[0].Message, snapshot.Version);
        if (_walk is { } cached && cached.Key == key)
        {
            return cached.Walk;
        }

        WalksComputed++;
        var result = parsed.Ok ? topology.Walk(snapshot, parsed.Query!) : PacketWalkQueryParser.Failed(url, parsed.Errors[0]);
        _walk = (key, result);
        return result;
    }

    // Live: called on every snapshot; the engine cache derives the new engine incrementally when only policies changed.
    private (ReachabilityOverlay? Overlay, string? Message) Overlay(ClusterSnapshot snapshot, OverlayQuery query, ObjectKey? selected)
    {
        var (pod, message) = OverlayQueryParser.Resolve(query, selected);
        if (pod is not { } key || query.Direction is not { } direction)
        {
            return (null, message);
        }

        var enforcement = ClusterFacts.Of(snapshot).Enforcement;
        var probe = new ReachProbe(query.Port, query.Protocol);
        var cacheKey = new OverlayCacheKey(new OverlayRequest(key, probe, direction), PolicyInputs.Of(snapshot, enforcement));
        ReachabilityOverlay? overlay;
        if (_overlay is { } cached && cached.Key == cacheKey)
        {
            overlay = cached.Overlay;
        }
        else
        {
            OverlaysComputed++;
            overlay = ReachabilityOverlayBuilder.Build(engines.Get(snapshot), key, probe, direction, enforcement);
            _overlay = (cacheKey, overlay);
        }

        return overlay is null ? (null, $"No pod {key} in the cluster (v{snapshot.Version.ToString(CultureInfo.InvariantCulture)}).") : (overlay, null);
    }

    /// <summary>
    /// The level drawn: the URL's level, node and focus; below the pods level a selected pod is the focus (search or a
    /// click shows it with its context). Cached while graph, query and focus context are the same, so the graph view sees
    /// the same drawn graph and sends nothing.
    /// </summary>
    private (LevelView View, LevelQuery Query, string? Error) Level(
        TopologyGraph graph, QueryInput url, ObjectKey? selectedPod, ImmutableDictionary<string, OverlayState>? overlay, ImmutableArray<string> path)
    {
        var parsed = LevelQueryParser.Parse(url);
        var query = parsed.Query ?? LevelQuery.Auto;
        var peers = overlay is null
            ? ImmutableArray<string>.Empty
            : [.. overlay.Where(kv => kv.Value == OverlayState.Allowed).Select(kv => kv.Key).Order(NaturalStringComparer.Instance)];
        var context = new FocusContext(peers, path);
        var options = LevelOptions.Default with { FoldPodsAbove = topology.Settings.AggregateAbove };
        var view = Cached(graph, query, context, options);
        if (query.Focus is null && selectedPod is { } pod && view.Level != GraphLevel.Pods)
        {
            query = query with { Focus = pod };
            view = Cached(graph, query, context, options);
        }

        return (view, query, parsed.Ok ? null : parsed.Errors[0].Message);
    }

    private LevelView Cached(TopologyGraph graph, LevelQuery query, FocusContext context, LevelOptions options) =>
        _shared.Level(graph, query, context, options);

    /// <summary>The level a double-click on <paramref name="elementId"/> opens, as URL parameters.</summary>
    public (string Name, string? Value)[] OpenParameters(string elementId) =>
        View is { } v ? LevelQueryParser.ToParameters(TopologyLevels.Open(v.Graph, v.LevelQuery with { Focus = null }, elementId)) : [];

    /// <summary>The URL parameters of a level (the level bar's links).</summary>
    public static (string Name, string? Value)[] LevelParameters(GraphLevel level, string? node) =>
        LevelQueryParser.ToParameters(new LevelQuery(level, node, null));

    private static TopologyFacts FactsOf(TopologyGraph graph, ClusterFacts facts) => new(
        Cni: $"CNI: {graph.Cni.Name}",
        CniSignals: string.Join("; ", graph.Cni.Signals),
        FlannelBackend: graph.Flannel is { } f ? $"backend {f.BackendType}{(f.DirectRouting ? " + DirectRouting" : "")}" : null,
        FlannelSource: graph.Flannel?.Source,
        KubeProxy: $"kube-proxy {graph.KubeProxyMode}",
        KubeProxySource: graph.KubeProxyModeSource,
        PodMtu: graph.PodMtu,
        Policy: "policy: " + (facts.Enforcement.Qualifier ?? $"enforced by {graph.Cni.PolicyEnforcer}"),
        SubnetNote: graph.NodeSubnets.Note);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>A walk is recomputed when its query (or the parse error) or the snapshot changes.</summary>
    private sealed record WalkCacheKey(PacketWalkQuery? Query, string? Error, long Version);

    private sealed record OverlayRequest(ObjectKey Pod, ReachProbe Probe, OverlayDirection Direction);

    /// <summary>What an overlay is computed from: the kinds by reference (the store keeps unchanged kinds) and enforcement.</summary>
    private sealed record PolicyInputs(
        KindCollection<PodInfo> Pods, KindCollection<NamespaceInfo> Namespaces, KindCollection<NetworkPolicyInfo> Policies, string? Cni, EnforcementState Enforcement)
    {
        public static PolicyInputs Of(ClusterSnapshot s, PolicyEnforcement e) => new(s.Pods, s.Namespaces, s.NetworkPolicies, e.Cni, e.State);
    }

    private sealed record OverlayCacheKey(OverlayRequest Request, PolicyInputs Inputs);
}
