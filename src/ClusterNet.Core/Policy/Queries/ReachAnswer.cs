using System.Collections.Immutable;

namespace ClusterNet.Core.Policy.Queries;

/// <summary>
/// A <see cref="ReachQuery"/> answered on one engine: the sources, destinations and probes it stands for, and each cell's
/// explanation (computed once, on first use, so a table and a JSON list of the same answer cost the same).
/// </summary>
public sealed class ReachAnswer
{
    private readonly PolicyEngine _engine;
    private readonly Dictionary<(int, int, int), ReachExplanation> _cells = [];

    private ReachAnswer(PolicyEngine engine, ImmutableArray<ReachEndpoint> froms, ImmutableArray<ReachEndpoint> tos, ImmutableArray<ReachProbe> probes)
    {
        _engine = engine;
        Froms = froms;
        Tos = tos;
        Probes = probes;
    }

    public ImmutableArray<ReachEndpoint> Froms { get; }
    public ImmutableArray<ReachEndpoint> Tos { get; }
    public ImmutableArray<ReachProbe> Probes { get; }

    /// <summary>How many cells <see cref="Cells"/> would hold (nothing explained yet), for a size check first.</summary>
    public long CellCount => (long)Froms.Length * Tos.Length * Probes.Length;

    /// <summary>
    /// Expands the query on <paramref name="engine"/> (edits already applied): a missing end is every pod; no probes means
    /// the destinations' container ports (possibly none). Pods must exist (the parser checked).
    /// </summary>
    public static ReachAnswer Of(PolicyEngine engine, ReachQuery query)
    {
        ImmutableArray<ReachEndpoint> All() => [.. engine.Pods.Select(ReachEndpoint.OfPod)];
        var froms = query.From is { } f ? [f] : All();
        var tos = query.To is { } t ? [t] : All();
        var probes = query.Probes.IsDefaultOrEmpty
            ? engine.ContainerPortProbes(tos.Where(e => e.Pod is not null).Select(e => e.Pod!.Value))
            : query.Probes;
        return new ReachAnswer(engine, froms, tos, probes);
    }

    public ReachExplanation Explain(int from, int to, int probe)
    {
        if (!_cells.TryGetValue((from, to, probe), out var e))
        {
            _cells[(from, to, probe)] = e = _engine.Explain(Froms[from], Tos[to], Probes[probe]);
        }

        return e;
    }

    /// <summary>
    /// Every cell, ordered by from, to, probe; each carries the enforcement qualifier in its caveat when the CNI does not
    /// enforce policy or was not recognised (a "denied" on flannel is not a dropped packet).
    /// </summary>
    public List<ReachCellDto> Cells()
    {
        var qualifier = Facts.ClusterFacts.Of(_engine.Snapshot).Enforcement.Qualifier;
        var cells = new List<ReachCellDto>(Froms.Length * Tos.Length * Probes.Length);
        for (var f = 0; f < Froms.Length; f++)
        {
            for (var t = 0; t < Tos.Length; t++)
            {
                for (var p = 0; p < Probes.Length; p++)
                {
                    cells.Add(ReachCellDto.Of(Explain(f, t, p), qualifier));
                }
            }
        }

        return cells;
    }
}
