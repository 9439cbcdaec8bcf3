using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology.Levels;
using ClusterNet.Core.Topology.Overlay;
using ClusterNet.Web.Components.Topology;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Topology;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClusterNet.Web.Components.Pages;

/// <summary>
/// The Topology page: URL parameters, the snapshot and the selection go to <see cref="TopologyPageModel"/>, its view is
/// rendered; events write the URL (filters replace the history entry, walks and overlays push one).
/// </summary>
public sealed partial class Topology
{
    private TopologyGraphView? _view;
    private MudAutocomplete<string>? _toField;
    private string? _from, _to;
    private int _port = QueryDefaults.Port;
    private string _protocol = QueryDefaults.Protocol;
    private bool _focusTo;
    private bool _shown;

    [Inject] private TopologyPageModel Model { get; set; } = default!;

    [Inject] private UrlState Url { get; set; } = default!;

    [Inject] private SelectionService Selection { get; set; } = default!;

    private TopologyView V { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "ns")] public string? Ns { get; set; }

    [SupplyParameterFromQuery(Name = "node")] public string? NodeFilter { get; set; }

    [SupplyParameterFromQuery(Name = "label")] public string? LabelFilter { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    /// <summary>The graph's level: cluster, node or pods (absent: by cluster size).</summary>
    [SupplyParameterFromQuery(Name = "level")] public string? LevelParam { get; set; }

    /// <summary>The focused pod ("ns/name"): drawn with its devices, Services, endpoints, policy peers and walk.</summary>
    [SupplyParameterFromQuery(Name = "focus")] public string? Focus { get; set; }

    /// <summary>The open node's counted box drawn pod by pod ("namespace/workload").</summary>
    [SupplyParameterFromQuery(Name = "group")] public string? Group { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "port")] public string? Port { get; set; }

    [SupplyParameterFromQuery(Name = "protocol")] public string? Protocol { get; set; }

    [SupplyParameterFromQuery(Name = "endpoint")] public string? Endpoint { get; set; }

    /// <summary>Reachability overlay: "from" or "to" the pod; absent = off.</summary>
    [SupplyParameterFromQuery(Name = "overlay")] public string? OverlayParam { get; set; }

    [SupplyParameterFromQuery(Name = "oport")] public string? OverlayPort { get; set; }

    [SupplyParameterFromQuery(Name = "oproto")] public string? OverlayProtocol { get; set; }

    /// <summary>The overlay's pod ("ns/name"); absent = the pod selected on the graph.</summary>
    [SupplyParameterFromQuery(Name = "opod")] public string? OverlayPod { get; set; }

    private QueryInput UrlInput => QueryInput.Parameters(new Dictionary<string, string?>
    {
        ["ns"] = Ns, ["node"] = NodeFilter, ["label"] = LabelFilter, ["q"] = Q, ["level"] = LevelParam, ["focus"] = Focus, ["group"] = Group,
        ["from"] = From, ["to"] = To, ["port"] = Port, ["protocol"] = Protocol, ["endpoint"] = Endpoint,
        ["overlay"] = OverlayParam, ["oport"] = OverlayPort, ["oproto"] = OverlayProtocol, ["opod"] = OverlayPod,
    });

    protected override void OnInitialized() => Selection.Changed += OnSelectionChanged;

    // Runs right after OnInitialized on the first render too: the view is computed once per navigation, not twice.
    protected override void OnParametersSet()
    {
        Recompute();
        if (!_shown)
        {
            _shown = true;
            ShowSearchedElement();
        }

        _from = V.WalkForm.From ?? _from;
        _to = V.WalkForm.To ?? _to;
        _port = Port is null ? _port : V.WalkForm.Port;
        _protocol = Protocol is null ? _protocol : V.WalkForm.Protocol;
        _focusTo |= V.FocusWalkTo;
    }

    // A new snapshot is recomputed off the renderer's thread; a newer snapshot, URL or selection meanwhile wins.
    protected override async Task OnSnapshotChangedAsync(SnapshotBatch batch)
    {
        if (await Model.UpdateAsync(Snapshot, UrlInput, Selection.Current) is { } view)
        {
            V = view;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusTo && _toField is not null)
        {
            // "Walk a packet from here": the form is below the graph; focusing its To field scrolls it into view.
            _focusTo = false;
            await _toField.FocusAsync();
        }
    }

    private void Recompute()
    {
        Model.Supersede();
        V = Model.Update(Snapshot, UrlInput, Selection.Current);
    }

    private void OnSelectionChanged() => _ = InvokeAsync(() =>
    {
        Recompute();
        ShowSearchedElement();
        StateHasChanged();
    });

    // Global search selects pods, Services and nodes; on this page they are graph elements: select the element instead, so
    // the graph highlights and centres it and the drawer shows the same panel as a click (replacing the history entry).
    private void ShowSearchedElement()
    {
        if (TopologyPageModel.AsGraphSelection(Selection.Current, V.Graph) is { } element)
        {
            Url.Set(SelectionService.QueryName, element.ToString(), replace: true);
        }
    }

    private Task<IEnumerable<string>> SearchSources(string? text, CancellationToken _) => Task.FromResult(Matching(V.Pods, text));

    private Task<IEnumerable<string>> SearchTargets(string? text, CancellationToken _) => Task.FromResult(Matching(V.WalkTargets, text));

    private static IEnumerable<string> Matching(IEnumerable<string> values, string? text) =>
        string.IsNullOrWhiteSpace(text) ? values : values.Where(v => v.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));

    private void Walk() => Url.Set(false, TopologyPageModel.WalkParameters(_from, _to, _port, _protocol));

    private void ClearWalk() => Url.Set(false, TopologyPageModel.ClearWalkParameters);

    private void SetQuery(string name, string? value) => Url.Set(name, string.IsNullOrWhiteSpace(value) ? null : value.Trim(), replace: true);

    // Picking a node opens its level (the level follows the node; a focus elsewhere is dropped).
    private void SetNode(string? value) => Url.Set(true, ("node", string.IsNullOrWhiteSpace(value) ? null : value.Trim()), ("level", null), ("focus", null), ("group", null));

    private void OpenLevel(GraphLevel level, string? node) => Url.Set(false, TopologyPageModel.LevelParameters(level, node));

    private Task OnElementOpened(string id)
    {
        Url.Set(false, Model.OpenParameters(id));
        return Task.CompletedTask;
    }

    private void SetOverlay(OverlayQuery next) => Url.Set(true, Model.OverlayParameters(next));

    private Task OnElementClicked(string id)
    {
        Selection.Select(Web.Topology.TopologyRef.Of(id));
        return Task.CompletedTask;
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Selection.Changed -= OnSelectionChanged;
        return ValueTask.CompletedTask;
    }
}
