using ClusterNet.Core.Model;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Cluster;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Components.Pages;

/// <summary>The Cluster page: URL state to <see cref="ClusterPageModel"/>, its view to the markup, clicks to the URL.</summary>
public partial class Cluster
{
    [Inject] private UrlState Url { get; set; } = default!;

    [Inject] private SelectionService Selection { get; set; } = default!;

    [Inject] private ClusterPageModel Model { get; set; } = default!;

    /// <summary>nodes | pods | services | sync (default nodes).</summary>
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    /// <summary>Namespace filter for pods and services; empty means all.</summary>
    [SupplyParameterFromQuery(Name = "ns")] public string? Ns { get; set; }

    /// <summary>Text filter (name, IP, CIDR, label=value).</summary>
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    private ClusterPageView View => Model.Update(Snapshot, ClusterPageQuery.FromUrl(Tab, Ns, Q));

    protected override bool HasVisibleChange(ClusterSnapshot previous, SnapshotBatch batch) =>
        ClusterPageModel.IsVisibleChange(previous, batch.Snapshot, batch.ChangedKinds);

    private void OnTabChanged(int index) =>
        Url.Set("tab", ClusterPageQuery.TabParameter(Enum.IsDefined((ClusterTab)index) ? (ClusterTab)index : ClusterTab.Nodes));

    private void OnNamespaceChanged(string? ns) => Url.Set("ns", ns);

    private void OnTextChanged(string? text) => Url.Set("q", text);

    private void Select(IClusterObject? obj)
    {
        if (obj is not null)
        {
            Selection.Select(ObjectRef.Of(obj));
        }
    }

    private string RowClass(ObjectRef row) => Selection.Current == row ? "cn-row cn-row--selected" : "cn-row";
}
