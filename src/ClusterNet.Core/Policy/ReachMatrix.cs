using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Every (from, to) pair of pods for each probe, as bit rows. Probes that all rules answer alike share rows
/// (<see cref="PortClassCount"/>). Immutable; <see cref="Recompute"/> derives an updated matrix after policy edits.
/// </summary>
public sealed class ReachMatrix
{
    private readonly int[] _classOfProbe;

    internal ReachMatrix(PolicyEngine engine, ImmutableArray<ReachProbe> probes, List<PortClass> classes)
    {
        Engine = engine;
        Probes = probes;
        Classes = classes;
        _classOfProbe = new int[probes.Length];
        for (var c = 0; c < classes.Count; c++)
        {
            foreach (var p in classes[c].ProbeIndexes)
            {
                _classOfProbe[p] = c;
            }
        }
    }

    public PolicyEngine Engine { get; }

    public ImmutableArray<ReachProbe> Probes { get; }

    public ImmutableArray<ObjectKey> Pods => Engine.Pods;

    /// <summary>How many distinct computations the probes needed (port equivalence classes).</summary>
    public int PortClassCount => Classes.Count;

    internal List<PortClass> Classes { get; }

    public int ProbeIndex(ReachProbe probe) => Probes.IndexOf(probe);

    internal MatrixLayer LayerOf(int probe) => Classes[_classOfProbe[probe]].Layer;

    public bool IsAllowed(int from, int to, int probe) => Classes[_classOfProbe[probe]].Layer.Rows.Has(from, to);

    public ReachVerdict VerdictOf(int from, int to, int probe)
    {
        if (from == to)
        {
            return ReachVerdict.Allowed;
        }

        var layer = Classes[_classOfProbe[probe]].Layer;
        var allowed = layer.Rows.Has(from, to);
        var depends = (allowed && layer.OnlyViaIpBlock(from, to)) || layer.Ambiguous(from, to) || PolicyExplainer.HostNetworkMatters(Engine, from, to);
        return depends ? ReachVerdict.DependsOnImplementation : allowed ? ReachVerdict.Allowed : ReachVerdict.Denied;
    }

    /// <summary>How many (from, to) pairs are allowed on the probe, self-pairs included.</summary>
    public long CountAllowed(int probe)
    {
        long n = 0;
        var rows = Classes[_classOfProbe[probe]].Layer.Rows;
        for (var s = 0; s < rows.Length; s++)
        {
            n += rows.CountOf(s);
        }

        return n;
    }

    /// <summary>
    /// Approximate bytes this matrix holds: per port class its rows as stored (<see cref="ReachMatrixRows.ApproximateBytes"/>:
    /// row words, page slots a patch left unused) plus the ingress and egress sets of isolated pods, counted as if every
    /// pod were isolated (an upper bound). Rows and sets shared with the matrix it was patched from count in both.
    /// </summary>
    public long ApproximateBytes
    {
        get
        {
            long n = Pods.Length;
            var set = 24 + 32 + (((n + 63) / 64) * 8) + 8;
            return Classes.Sum(c => c.Layer.Rows.ApproximateBytes + (2 * n * set));
        }
    }

    public ReachCell Cell(int from, int to, int probe) =>
        new(Pods[from], Pods[to], Probes[probe], IsAllowed(from, to, probe), VerdictOf(from, to, probe));

    /// <summary>Cells ordered by from, to, probe; null filters mean every pod.</summary>
    public IEnumerable<ReachCell> Cells(IReadOnlyCollection<ObjectKey>? from = null, IReadOnlyCollection<ObjectKey>? to = null)
    {
        var fromIdx = from is null ? Enumerable.Range(0, Pods.Length) : from.Select(Engine.IndexOf).Where(i => i >= 0);
        var toIdx = (to is null ? Enumerable.Range(0, Pods.Length) : to.Select(Engine.IndexOf).Where(i => i >= 0)).ToArray();
        foreach (var f in fromIdx)
        {
            foreach (var t in toIdx)
            {
                for (var p = 0; p < Probes.Length; p++)
                {
                    yield return Cell(f, t, p);
                }
            }
        }
    }

    /// <summary>
    /// The matrix for <paramref name="engine"/> (derived from this matrix's engine by WithPolicy/WithoutPolicy),
    /// recomputing only the rows and columns of pods the changed policies select (before or after).
    /// </summary>
    public ReachMatrix Recompute(PolicyEngine engine, IEnumerable<ObjectKey> changedPolicies) => MatrixComputer.Recompute(this, engine, changedPolicies);
}
