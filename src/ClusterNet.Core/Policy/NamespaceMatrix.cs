using System.Collections.Immutable;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Namespace × namespace summary of a <see cref="ReachMatrix"/> for one probe (the policy page's first view).
/// Pods are ordered by namespace, so each namespace is a contiguous index range; one pass over the pod pairs fills it.
/// </summary>
public sealed class NamespaceMatrix
{
    private NamespaceMatrix(ImmutableArray<string> namespaces, NamespaceCell[,] cells, ReachProbe probe)
    {
        Namespaces = namespaces;
        _cells = cells;
        Probe = probe;
    }

    private readonly NamespaceCell[,] _cells;

    public ImmutableArray<string> Namespaces { get; }

    public ReachProbe Probe { get; }

    public NamespaceCell this[int from, int to] => _cells[from, to];

    public static NamespaceMatrix Build(ReachMatrix matrix, int probe)
    {
        var pods = matrix.Pods;
        var names = pods.Select(p => p.Namespace).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var start = new int[names.Length + 1];
        for (int i = 0, n = 0; n < names.Length; n++)
        {
            start[n] = i;
            while (i < pods.Length && pods[i].Namespace == names[n])
            {
                i++;
            }

            start[n + 1] = i;
        }

        var allowed = new long[names.Length, names.Length];
        var depends = new long[names.Length, names.Length];
        for (var a = 0; a < names.Length; a++)
        {
            for (var s = start[a]; s < start[a + 1]; s++)
            {
                for (var b = 0; b < names.Length; b++)
                {
                    for (var d = start[b]; d < start[b + 1]; d++)
                    {
                        if (!matrix.IsAllowed(s, d, probe))
                        {
                            if (matrix.VerdictOf(s, d, probe) == ReachVerdict.DependsOnImplementation)
                            {
                                depends[a, b]++;
                            }

                            continue;
                        }

                        allowed[a, b]++;
                        if (matrix.VerdictOf(s, d, probe) == ReachVerdict.DependsOnImplementation)
                        {
                            depends[a, b]++;
                        }
                    }
                }
            }
        }

        var cells = new NamespaceCell[names.Length, names.Length];
        for (var a = 0; a < names.Length; a++)
        {
            for (var b = 0; b < names.Length; b++)
            {
                long pairs = (long)(start[a + 1] - start[a]) * (start[b + 1] - start[b]);
                cells[a, b] = new NamespaceCell(names[a], names[b], pairs, allowed[a, b], pairs - allowed[a, b], depends[a, b]);
            }
        }

        return new NamespaceMatrix(names, cells, matrix.Probes[probe]);
    }
}
