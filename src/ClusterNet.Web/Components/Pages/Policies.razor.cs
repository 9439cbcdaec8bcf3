using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Policies;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Components.Pages;

/// <summary>The Policies page: URL parameters into <see cref="PoliciesPageModel"/>, its view out, clicks into the URL.</summary>
public partial class Policies
{
    [Inject] private PoliciesPageModel Model { get; set; } = default!;
    [Inject] private UrlState Url { get; set; } = default!;

    [SupplyParameterFromQuery(Name = ReachQueryParser.Probe)] public string? ProbeParam { get; set; }
    /// <summary>The namespace pair drilled into.</summary>
    [SupplyParameterFromQuery(Name = ReachQueryParser.From)] public string? NsFrom { get; set; }
    [SupplyParameterFromQuery(Name = ReachQueryParser.To)] public string? NsTo { get; set; }
    /// <summary>Deep-linked cell: "FROM_NS/POD>TO_NS/POD".</summary>
    [SupplyParameterFromQuery(Name = ReachQueryParser.Cell)] public string? CellParam { get; set; }
    [SupplyParameterFromQuery(Name = ReachQueryParser.Pod)] public string? PodParam { get; set; }

    private string _whatIfYaml = "";
    private string _whatIfDelete = "";
    private WhatIfView? _whatIf;

    private PoliciesView View => Model.View;

    protected override IReadOnlyCollection<string>? WatchedKinds =>
        [ResourceKind.Pods, ResourceKind.Namespaces, ResourceKind.NetworkPolicies, ResourceKind.DaemonSets, ResourceKind.ConfigMaps];

    protected override void OnParametersSet() => Model.Show(Snapshot, ReachQueryParser.ParseView(QueryInput.Parameters([
        KeyValuePair.Create(ReachQueryParser.Probe, ProbeParam),
        KeyValuePair.Create(ReachQueryParser.From, NsFrom),
        KeyValuePair.Create(ReachQueryParser.To, NsTo),
        KeyValuePair.Create(ReachQueryParser.Cell, CellParam),
        KeyValuePair.Create(ReachQueryParser.Pod, PodParam),
    ])));

    protected override Task OnSnapshotChangedAsync(SnapshotBatch batch) => Model.RefreshAsync(Snapshot);

    private void SelectNamespaces((int Row, int Column) cell)
    {
        var (from, to) = View.NamespacePair(cell);
        Url.Set(false, (ReachQueryParser.From, from), (ReachQueryParser.To, to), (ReachQueryParser.Cell, null));
    }

    private void SelectPods((int Row, int Column) cell) => Url.Set(ReachQueryParser.Cell, View.PodCellText(cell), replace: false);

    private void ShowPod(ReachEndpoint pod) => Url.Set(ReachQueryParser.Pod, pod.ToString());

    private void OnProbeChanged(ReachProbe probe) => Url.Set(ReachQueryParser.Probe, probe.ToString());

    private async Task RunWhatIf() => _whatIf = await Model.RunWhatIfAsync(_whatIfYaml, _whatIfDelete);
}
