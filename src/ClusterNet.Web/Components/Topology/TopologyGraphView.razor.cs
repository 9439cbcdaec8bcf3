using System.Collections.Immutable;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;
using ClusterNet.Core.Topology.Overlay;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ClusterNet.Web.Components.Topology;

/// <summary>
/// The graph widget: wwwroot/js/topology-graph.js draws, this sends the first picture, then deltas, filter, path,
/// overlay and selection when they change. Every call names the container, so the script keeps state per instance.
/// </summary>
public sealed partial class TopologyGraphView
{
    private readonly string _liveId = $"cn-topo-live-{Guid.NewGuid():N}";
    private ElementReference _container;
    private IJSObjectReference? _module;
    private DotNetObjectReference<GraphInterop>? _interop;
    private TopologyGraph? _applied;
    private string? _appliedSelected;
    private string _appliedPath = "";
    private TopologyFilter? _appliedFilter;
    private string _appliedOverlay = "";
    private string _appliedLevel = "";
    private bool _initializing;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private ILogger<TopologyGraphView> Log { get; set; } = default!;

    /// <summary>The graph to show; a new instance is applied as a delta against the one shown.</summary>
    [Parameter, EditorRequired] public TopologyGraph Graph { get; set; } = default!;

    [Parameter] public string? Selected { get; set; }

    /// <summary>Element and edge ids to highlight (a packet walk's path).</summary>
    [Parameter] public IReadOnlyList<string> Path { get; set; } = [];

    [Parameter] public TopologyFilter? Filter { get; set; }

    /// <summary>Reachability overlay: element id → state; null for none.</summary>
    [Parameter] public IReadOnlyDictionary<string, OverlayState>? Overlay { get; set; }

    [Parameter] public int AggregateAbove { get; set; } = QueryDefaults.AggregateAbove;

    [Parameter] public int FoldVethsAbove { get; set; } = QueryDefaults.FoldVethsAbove;

    [Parameter] public bool Hidden { get; set; }

    /// <summary>The level's key (<see cref="Core.Topology.Levels.LevelView.Key"/>): a new key is a new picture, laid out afresh.</summary>
    [Parameter] public string Level { get; set; } = "";

    /// <summary>A double-click (or Enter on a counted box): the element whose level to open.</summary>
    [Parameter] public EventCallback<string> OnElementOpened { get; set; }

    [Parameter] public EventCallback<string> OnElementClicked { get; set; }

    [Parameter] public EventCallback OnBackgroundClicked { get; set; }

    /// <summary>Time the browser took for the first render (ms), once known.</summary>
    public int? FirstRenderMs { get; private set; }

    /// <summary>Time the browser took to apply the last delta (ms).</summary>
    public double? LastUpdateMs { get; private set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed || _initializing)
        {
            return;
        }

        try
        {
            if (_module is null)
            {
                _initializing = true;
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "/js/topology-graph.js");
                _interop = DotNetObjectReference.Create(new GraphInterop(this));
                var graph = Graph;
                var options = new
                {
                    version = graph.Version,
                    elements = graph.Elements,
                    edges = graph.Edges,
                    aggregateAbove = AggregateAbove,
                    foldVethsAbove = FoldVethsAbove,
                    filter = Filter,
                    selected = Selected,
                    path = Path,
                    overlay = WireStates(Overlay),
                    liveRegionId = _liveId,
                    level = Level,
                };
                FirstRenderMs = await _module.InvokeAsync<int>("initialize", _container, _interop, TopologyJson.Serialize(options));
                _applied = graph;
                _appliedSelected = Selected;
                _appliedPath = string.Join(' ', Path);
                _appliedFilter = Filter;
                _appliedOverlay = OverlayKey(Overlay);
                _appliedLevel = Level;
                _initializing = false;
            }

            await ApplyChangesAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; nothing to draw on.
        }
        catch (TaskCanceledException)
        {
        }
        catch (JSException ex)
        {
            Log.LogWarning(ex, "topology graph script failed");
        }
        finally
        {
            _initializing = false;
        }
    }

    private async Task ApplyChangesAsync()
    {
        if (_module is null)
        {
            return;
        }

        if ((!ReferenceEquals(_applied, Graph) || Level != _appliedLevel) && _applied is not null)
        {
            var delta = TopologyDiff.Compute(_applied, Graph);
            _applied = Graph;
            var level = Level;
            var relevel = level != _appliedLevel;
            _appliedLevel = level;
            if (!delta.IsEmpty || relevel)
            {
                LastUpdateMs = await _module.InvokeAsync<double>("update", _container, TopologyJson.Serialize(new
                {
                    level,
                    version = delta.ToVersion,
                    added = delta.Added,
                    removed = delta.Removed,
                    changed = delta.Changed,
                    addedEdges = delta.AddedEdges,
                    removedEdges = delta.RemovedEdges,
                    changedEdges = delta.ChangedEdges,
                }));
            }
        }

        if (Filter != _appliedFilter)
        {
            _appliedFilter = Filter;
            await _module.InvokeVoidAsync("setFilter", _container, Filter);
        }

        var path = string.Join(' ', Path);
        if (path != _appliedPath)
        {
            _appliedPath = path;
            await _module.InvokeVoidAsync("highlightPath", _container, Path);
        }

        // The page recomputes the overlay on every snapshot; only a different colouring goes to the browser.
        var overlay = OverlayKey(Overlay);
        if (overlay != _appliedOverlay)
        {
            _appliedOverlay = overlay;
            if (Overlay is null)
            {
                await _module.InvokeVoidAsync("clearOverlay", _container);
            }
            else
            {
                await _module.InvokeVoidAsync("overlay", _container, TopologyJson.Serialize(WireStates(Overlay)));
            }
        }

        if (Selected != _appliedSelected)
        {
            _appliedSelected = Selected;
            await _module.InvokeVoidAsync("select", _container, Selected);
        }
    }

    /// <summary>The overlay as the script reads it: element id → "origin", "allowed", "denied" or "depends".</summary>
    internal static ImmutableSortedDictionary<string, string>? WireStates(IReadOnlyDictionary<string, OverlayState>? map) =>
        map?.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value.Wire(), StringComparer.Ordinal);

    private static string OverlayKey(IReadOnlyDictionary<string, OverlayState>? map) =>
        map is null ? "" : string.Join('\n', map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.Wire()}"));

    public Task FitAsync() => InvokeSafeAsync("fit");

    public Task RelayoutAsync() => InvokeSafeAsync("relayout");

    public Task ExportPngAsync(string fileName) => InvokeSafeAsync("exportPng", fileName);

    private async Task InvokeSafeAsync(string name, params object?[] args)
    {
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync(name, [_container, .. args]);
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("dispose", _container);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
            catch (TaskCanceledException)
            {
            }
        }

        _interop?.Dispose();
    }

    /// <summary>The only methods the script may call back.</summary>
    public sealed class GraphInterop(TopologyGraphView owner)
    {
        [JSInvokable]
        public Task OnElementClicked(string id) => owner.OnElementClicked.InvokeAsync(id);

        [JSInvokable]
        public Task OnBackgroundClicked() => owner.OnBackgroundClicked.InvokeAsync();

        [JSInvokable]
        public Task OnElementOpened(string id) => owner.OnElementOpened.InvokeAsync(id);
    }
}
