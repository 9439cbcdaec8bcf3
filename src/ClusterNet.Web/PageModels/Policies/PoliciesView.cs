using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Web.PageModels.Policies;

/// <summary>
/// Everything the Policies page shows for one snapshot and URL, immutable: the probe choice, the namespace matrix and its
/// summary, the pod drill-down of the chosen namespace pair, the explained cell, the chosen pod's peers and the findings.
/// Cell views and selections are computed here, so the page only binds them.
/// </summary>
public sealed class PoliciesView
{
    private readonly ReachMatrix? _matrix;
    private readonly int[] _podRows;
    private readonly int[] _podColumns;
    private readonly NamespaceMatrix? _namespaces;
    private readonly int[] _nsOrder = [];

    internal PoliciesView(ReachMatrix? matrix, int[] podRows, int[] podColumns)
    {
        _matrix = matrix;
        _podRows = podRows;
        _podColumns = podColumns;
    }

    public static PoliciesView Empty { get; } = new(null, [], [])
    {
        Probe = new ReachProbe(Core.Queries.QueryDefaults.Port, Core.Queries.QueryDefaults.Protocol),
        Summary = MatrixSummary.Empty,
    };

    public bool NoPolicies { get; init; }
    /// <summary>Set when policies exist and the CNI does not enforce them: the banner's sentence.</summary>
    public string? NotEnforcedBanner { get; init; }
    /// <summary>Shown next to every verdict when the CNI does not enforce policy (or is not recognised); null when enforced.</summary>
    public string? Qualifier { get; init; }
    public IReadOnlyList<ReachProbe> Probes { get; init; } = [];
    public required ReachProbe Probe { get; init; }
    public NamespaceMatrix? Namespaces
    {
        get => _namespaces;
        init
        {
            _namespaces = value;
            // View-side natural order (ns2 before ns10); the matrix and the JSON contracts keep theirs.
            _nsOrder = value is null ? [] : [.. Enumerable.Range(0, value.Namespaces.Length).OrderBy(i => value.Namespaces[i], NaturalStringComparer.Instance)];
            NamespaceNames = [.. _nsOrder.Select(i => value!.Namespaces[i])];
        }
    }

    /// <summary>The namespace matrix's rows and columns in natural order.</summary>
    public IReadOnlyList<string> NamespaceNames { get; private init; } = [];
    public required MatrixSummary Summary { get; init; }
    public string? FromNamespace { get; init; }
    public string? ToNamespace { get; init; }
    public IReadOnlyList<string> PodRows { get; init; } = [];
    public IReadOnlyList<string> PodColumns { get; init; } = [];
    public (int Row, int Column)? SelectedNamespaces { get; init; }
    public (int Row, int Column)? SelectedPods { get; init; }
    public ReachExplanation? Explanation { get; init; }
    public ObjectKey? Pod { get; init; }
    public PodReachability? Inbound { get; init; }
    public PodReachability? Outbound { get; init; }
    public ImmutableArray<Finding> Findings { get; init; } = [];

    /// <summary>Pods that cannot reach <see cref="Pod"/> on the probe.</summary>
    public IEnumerable<string> DeniedSources => Inbound?.Peers.Where(p => !p.Allowed).Select(p => p.Pod.ToString()).Order(NaturalStringComparer.Instance) ?? Enumerable.Empty<string>();

    /// <summary>Pods <see cref="Pod"/> cannot reach on the probe.</summary>
    public IEnumerable<string> DeniedDestinations => Outbound?.Peers.Where(p => !p.Allowed).Select(p => p.Pod.ToString()).Order(NaturalStringComparer.Instance) ?? Enumerable.Empty<string>();

    public string Legend => Qualifier is null ? MatrixCellText.Legend : $"{MatrixCellText.Legend} · {Qualifier}";

    public bool HasPodMatrix => _matrix is not null && PodRows.Count > 0;

    /// <summary>True when the drill-down is larger than one page in either direction.</summary>
    public bool PodsPaged => PodRows.Count > PoliciesPageModel.PodPageSize || PodColumns.Count > PoliciesPageModel.PodPageSize;

    public MatrixCellText NamespaceCell(int row, int column) => Qualify(MatrixCellText.ForNamespaces(Namespaces![_nsOrder[row], _nsOrder[column]]));

    public MatrixCellText PodCell(int row, int column)
    {
        var (s, d) = (_podRows[row], _podColumns[column]);
        return Qualify(MatrixCellText.ForPods(_matrix!.VerdictOf(s, d, 0), _matrix.IsAllowed(s, d, 0)));
    }

    /// <summary>The URL's from/to for a namespace cell.</summary>
    public (string From, string To) NamespacePair((int Row, int Column) cell) =>
        (NamespaceNames[cell.Row], NamespaceNames[cell.Column]);

    /// <summary>The URL's cell value for a pod cell ("NS/POD&gt;NS/POD").</summary>
    public string PodCellText((int Row, int Column) cell) =>
        Core.Policy.Queries.ReachViewQuery.CellText(_matrix!.Pods[_podRows[cell.Row]], _matrix.Pods[_podColumns[cell.Column]]);

    /// <summary>The explained cell's verdict word, with what the conformance tests expect when implementation-defined.</summary>
    public string? ExplanationVerdict => Explanation is { } e ? VerdictText.TitleWithExpectation(e.Verdict, e.Allowed) : null;

    private MatrixCellText Qualify(MatrixCellText cell) => Qualifier is null ? cell : cell with { Text = VerdictText.Qualified(cell.Text, Qualifier) };
}
