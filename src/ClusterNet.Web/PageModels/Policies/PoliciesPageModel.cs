using System.Collections.Immutable;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Api.Policy;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.PageModels.Policies;

/// <summary>
/// The Policies page without a renderer: URL state in (<see cref="ReachViewQuery"/>), <see cref="PoliciesView"/> out.
/// What depends only on the engine and the probe (matrices, summary, findings) is cached per (engine, probe) in a cache
/// shared by every circuit (<see cref="SnapshotCaches"/>: 50 circuits on one snapshot hold one matrix); a live change
/// recomputes it off the caller's thread and the newest change wins (<see cref="RefreshAsync"/>).
/// </summary>
public sealed class PoliciesPageModel(PolicyEngineCache engines, SnapshotCaches? caches = null)
{
    /// <summary>Probes (and RBAC cuts) kept per snapshot across circuits; each holds a pod matrix (~40 MB at 10k pods).</summary>
    public const int DerivedCapacity = 4;

    /// <summary>The shared caches' names on /metrics.</summary>
    public const string DerivedCacheName = "policies.matrix", WhatIfCacheName = "policies.what-if-before";

    private readonly SnapshotCache<ReachProbe, Derived> _shared = (caches ?? new SnapshotCaches()).Get<ReachProbe, Derived>(
        DerivedCacheName, DerivedCapacity, d => ApproximateSize.Matrix(d.Matrix) + ApproximateSize.NamespaceMatrix(d.Namespaces) + ApproximateSize.Findings(d.Findings));

    private readonly SnapshotCache<bool, ReachMatrix> _allPortsShared = (caches ?? new SnapshotCaches()).Get<bool, ReachMatrix>(
        WhatIfCacheName, 2, ApproximateSize.Matrix);

    /// <summary>Above this many pods per side the drill-down pages (a 10k-pod cluster would otherwise render 10⁸ buttons).</summary>
    public const int PodPageSize = 60;

    private readonly PolicyEngineCache _engines = engines;
    private ReachViewQuery _query = new();
    private Derived? _derived;
    private int _generation;
    /// <summary>Flipped cells listed on the page; the summary still counts them all.</summary>
    public const int FlippedShown = 200;

    public PoliciesView View { get; private set; } = PoliciesView.Empty;

    /// <summary>What changes only with the engine or the probe.</summary>
    private sealed record Derived(PolicyEngine Engine, ReachProbe Probe, ReachMatrix Matrix, NamespaceMatrix Namespaces, MatrixSummary Summary,
        ImmutableArray<Finding> Findings, PolicyEnforcement Enforcement);

    /// <summary>Shows <paramref name="query"/> on <paramref name="snapshot"/> now (URL change, first render), reusing what the engine and probe allow.</summary>
    public PoliciesView Show(ClusterSnapshot snapshot, ReachViewQuery query)
    {
        _query = query;
        var engine = _engines.Get(snapshot);
        var (probes, probe) = ResolveProbes(engine, query);
        var derived = _derived is { } d && ReferenceEquals(d.Engine, engine) && d.Probe == probe ? d : Shared(engine, probe);
        return Apply(derived, probes, query);
    }

    /// <summary>
    /// A live change: rebuilds engine, matrix and findings on the thread pool (at 10k pods a second or more of CPU), then
    /// applies the result only if no newer refresh started meanwhile (that one applies its own). True when applied.
    /// </summary>
    public async Task<bool> RefreshAsync(ClusterSnapshot snapshot)
    {
        var generation = ++_generation;
        var query = _query;
        var engine = await Task.Run(() => _engines.Get(snapshot));
        // Every circuit on this snapshot awaits the one computation (without holding a thread while it runs).
        var probe = ResolveProbes(engine, query).Probe;
        var derived = await _shared.GetAsync(engine.Snapshot, engine.Snapshot.Version, probe, () => Derive(engine, probe));
        if (generation != _generation)
        {
            return false;
        }

        // The URL may have changed meanwhile: show the current one (recomputing only if its probe differs).
        var (probes, shown) = ResolveProbes(derived.Engine, _query);
        Apply(derived.Probe == shown ? derived : Shared(derived.Engine, shown), probes, _query);
        return true;
    }

    /// <summary>
    /// Applies what-if edits to the current engine and answers across every container port in the cluster (not only the
    /// probe shown), off the caller's thread.
    /// </summary>
    public Task<WhatIfView> RunWhatIfAsync(string? yaml, string? deleteText)
    {
        var parsed = PolicyWhatIfInput.Parse(yaml, PolicyWhatIfInput.DeleteKeys(deleteText));
        if (parsed.Errors.Count > 0 || _derived is not { } derived)
        {
            return Task.FromResult(new WhatIfView { Errors = [.. parsed.Errors.Select(ErrorText)] });
        }

        var qualifier = View.Qualifier;
        var engine = derived.Engine;
        return Task.Run(() =>
        {
            // Shared: a second what-if on the same snapshot, in any circuit, reuses it.
            var before = _allPortsShared.Get(engine.Snapshot, engine.Snapshot.Version, true, () => AllPortsMatrix(engine));
            return WhatIf(engine, before, parsed.Edits, qualifier);
        });
    }

    /// <summary>Every container port in the cluster (80/TCP when none is declared): what-if answers across all of them.</summary>
    private static ReachMatrix AllPortsMatrix(PolicyEngine engine)
    {
        var probes = engine.ContainerPortProbes();
        return engine.ComputeMatrix(probes.IsEmpty ? [DefaultProbe] : probes);
    }

    private static WhatIfView WhatIf(PolicyEngine engine, ReachMatrix before, IReadOnlyList<PolicyEdit> edits, string? qualifier)
    {
        var result = PolicyWhatIf.Run(engine, edits, before.Probes, before);
        var on = string.Join(", ", result.BeforeMatrix.Probes);
        var more = result.Flipped.Length - FlippedShown;
        return new WhatIfView
        {
            Errors = [.. result.Problems],
            Summary = $"{result.Flipped.Length} cell(s) flip on {on}." + (qualifier is null || result.Flipped.IsEmpty ? "" : $" Verdicts: {qualifier}."),
            Flipped = [.. result.Flipped.Take(FlippedShown).Select(c =>
                $"{c.From} → {c.To} on {c.Probe}: {VerdictText.WithExpectation(c.Before, c.AllowedBefore)} → {VerdictText.WithExpectation(c.After, c.AllowedAfter)}"),
                .. more > 0 ? [$"… and {more:N0} more"] : Array.Empty<string>()],
            NothingFlippedBecause = result.NothingFlippedBecause,
        };
    }

    /// <summary>"line 5, column 16: message (field)".</summary>
    public static string ErrorText(WhatIfErrorDto e) =>
        (e.Line is { } l ? $"line {l}{(e.Column is { } c ? $", column {c}" : "")}: " : "") + e.Message + (e.Field is null ? "" : $" ({e.Field})");

    private static readonly ReachProbe DefaultProbe = new(QueryDefaults.Port, QueryDefaults.Protocol);

    /// <summary>The probe choices (container ports, plus the URL's probe if it is not one) and the probe shown.</summary>
    private static (IReadOnlyList<ReachProbe> Probes, ReachProbe Probe) ResolveProbes(PolicyEngine engine, ReachViewQuery query)
    {
        var probes = engine.ContainerPortProbes().ToList();
        if (query.Probe is { } asked && !probes.Contains(asked))
        {
            probes.Insert(0, asked);
        }

        if (probes.Count == 0)
        {
            probes.Add(DefaultProbe);
        }

        return (probes, query.Probe ?? probes[0]);
    }

    /// <summary>
    /// The engine's matrix, summary and findings for the probe, from the cache every circuit shares. Keyed by the engine's
    /// snapshot, not the engine: an engine rebuilt for the same snapshot (the engine cache keeps one) answers the same.
    /// </summary>
    private Derived Shared(PolicyEngine engine, ReachProbe probe) => _shared.Get(engine.Snapshot, engine.Snapshot.Version, probe, () => Derive(engine, probe));

    private Derived Derive(PolicyEngine engine, ReachProbe probe)
    {
        var matrix = engine.ComputeMatrix([probe]);
        var ns = NamespaceMatrix.Build(matrix, 0);
        return new Derived(engine, probe, matrix, ns, MatrixSummary.Of(ns), _engines.Lints.Get(engine), ClusterFacts.Of(engine.Snapshot).Enforcement);
    }

    private PoliciesView Apply(Derived derived, IReadOnlyList<ReachProbe> probes, ReachViewQuery query)
    {
        _derived = derived;
        var engine = derived.Engine;
        var snapshot = engine.Snapshot;
        var pods = derived.Matrix.Pods;
        // Pods in natural order (pod2 before pod10); the matrix's own order stays what REST and the CLI print.
        int[] rows = [.. Enumerable.Range(0, pods.Length).Where(i => pods[i].Namespace == query.FromNamespace).OrderBy(i => pods[i].Name, NaturalStringComparer.Instance)];
        int[] columns = [.. Enumerable.Range(0, pods.Length).Where(i => pods[i].Namespace == query.ToNamespace).OrderBy(i => pods[i].Name, NaturalStringComparer.Instance)];
        var rowNames = rows.Select(i => pods[i].ToString()).ToList();
        var columnNames = columns.Select(i => pods[i].ToString()).ToList();

        ReachExplanation? explanation = null;
        (int, int)? selectedPods = null;
        if (query.CellFrom is { } from && query.CellTo is { } to && Exists(engine, from) && Exists(engine, to))
        {
            explanation = engine.Explain(from, to, derived.Probe);
            var (r, c) = (rowNames.IndexOf(from.ToString()), columnNames.IndexOf(to.ToString()));
            selectedPods = r >= 0 && c >= 0 ? (r, c) : null;
        }

        PodReachability? inbound = null, outbound = null;
        if (query.Pod is { } pod && engine.IndexOf(pod) >= 0)
        {
            inbound = engine.ReachabilityTo(pod, derived.Probe);
            outbound = engine.ReachabilityFrom(pod, derived.Probe);
        }

        var ns = derived.Namespaces;
        var enforcement = derived.Enforcement;
        var nsNames = ns.Namespaces.Order(NaturalStringComparer.Instance).ToList();
        return View = new PoliciesView(derived.Matrix, rows, columns)
        {
            NoPolicies = snapshot.NetworkPolicies.Count == 0,
            NotEnforcedBanner = enforcement.PoliciesIgnored(snapshot)
                ? $"The CNI is {enforcement.Cni ?? "unknown"} alone ({string.Join(", ", enforcement.Signals)}): it does not enforce NetworkPolicy, " +
                  "so every connection below is in fact allowed. The verdicts show what a policy-enforcing plugin (canal, Calico, Cilium) would do."
                : null,
            Qualifier = enforcement.QualifierFor(snapshot),
            Probes = probes,
            Probe = derived.Probe,
            Namespaces = ns,
            Summary = derived.Summary,
            FromNamespace = query.FromNamespace,
            ToNamespace = query.ToNamespace,
            PodRows = rowNames,
            PodColumns = columnNames,
            SelectedNamespaces = query.FromNamespace is { } f && query.ToNamespace is { } t ? (nsNames.IndexOf(f), nsNames.IndexOf(t)) : null,
            SelectedPods = selectedPods,
            Explanation = explanation,
            Pod = inbound is null ? null : query.Pod,
            Inbound = inbound,
            Outbound = outbound,
            Findings = derived.Findings,
        };
    }

    private static bool Exists(PolicyEngine engine, ReachEndpoint e) => e.Pod is not { } key || engine.IndexOf(key) >= 0;
}
