using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Web.PageModels.Dns;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ClusterNet.Web.Components.Dns;

/// <summary>The DNS findings table: groups from <see cref="FindingGrouper"/>, which are open from <see cref="FindingGroupExpansion"/>.</summary>
public partial class DnsFindingsTable
{
    private readonly FindingGroupExpansion _expansion = new();
    private ImmutableArray<FindingGroup> _groups = [];
    private IEnumerable<Finding>? _groupedFrom;

    [Parameter, EditorRequired] public IEnumerable<Finding> Findings { get; set; } = [];

    [Parameter] public string? SelectedId { get; set; }

    [Parameter] public EventCallback<Finding> OnSelect { get; set; }

    /// <summary>Regroups only when the findings change (a new snapshot): typing elsewhere on the page re-renders this too.</summary>
    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_groupedFrom, Findings))
        {
            _groups = FindingGrouper.Group(Findings);
            _groupedFrom = Findings;
        }
    }

    private void OnGroupKey(KeyboardEventArgs e, FindingGroup g)
    {
        if (e.Key is "Enter" or " ")
        {
            _expansion.Toggle(g, SelectedId);
        }
    }

    private Task OnKeyAsync(KeyboardEventArgs e, Finding f) => e.Key is "Enter" or " " ? OnSelect.InvokeAsync(f) : Task.CompletedTask;
}
