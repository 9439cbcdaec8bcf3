using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Components.Findings;

/// <summary>
/// Every analyzer's findings, in the one order (<see cref="FindingOrder"/>); with <see cref="Grouped"/>, folded by
/// <see cref="FindingGrouper"/> into one item per code and cause whose members are one click away.
/// </summary>
public partial class FindingList
{
    private IReadOnlyList<Finding> _sorted = [];
    private ImmutableArray<FindingGroup> _groups = [];
    private readonly PageModels.Dns.FindingGroupExpansion _expansion = new();

    [Parameter, EditorRequired] public IEnumerable<Finding> Findings { get; set; } = [];

    [Parameter] public string AriaLabel { get; set; } = "Findings";

    [Parameter] public string TestId { get; set; } = "findings";

    [Parameter] public string EmptyText { get; set; } = "No problems found.";

    [Parameter] public string? SelectedId { get; set; }

    [Parameter] public EventCallback<Finding> OnSelect { get; set; }

    /// <summary>Rendering thousands of findings helps nobody: the analyzers group, and the list caps what it draws.</summary>
    [Parameter] public int Limit { get; set; } = 200;

    /// <summary>Fold findings of the same code and cause into one item (FindingGrouper) that opens onto its members.</summary>
    [Parameter] public bool Grouped { get; set; }

    private int Shown => Grouped ? _groups.Length : _sorted.Count;

    protected override void OnParametersSet()
    {
        _sorted = FindingOrder.Sort(Findings);
        _groups = Grouped ? FindingGrouper.Group(_sorted) : [];
    }
}
