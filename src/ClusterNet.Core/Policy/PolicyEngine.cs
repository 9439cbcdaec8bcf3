using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>
/// NetworkPolicy (networking.k8s.io/v1) reachability for one snapshot. Selectors are compiled once, pods and namespaces
/// are dense indexes, rule peers are bitsets. Explain answers one connection with reasons; ComputeMatrix answers all pairs;
/// ReachabilityFrom/To answer one pod against all others (the topology overlay). WithPolicy/WithoutPolicy derive a new
/// engine recompiling only the changed policy, and <see cref="ReachMatrix.Recompute"/> then updates only affected rows.
/// </summary>
public sealed class PolicyEngine
{
    private readonly CompiledPolicy?[] _policies;
    private readonly int[][] _ingressOf;
    private readonly int[][] _egressOf;
    private readonly Dictionary<string, int[]> _policiesByNamespace;
    private readonly Dictionary<ObjectKey, int> _policyIndexOf;

    internal PolicyEngine(PolicyIndex index, PolicyCompiler compiler, CompiledPolicy?[] policies, int[][] ingressOf, int[][] egressOf, ClusterSnapshot snapshot, PolicyChain chain)
    {
        Index = index;
        Chain = chain;
        Compiler = compiler;
        _policies = policies;
        _ingressOf = ingressOf;
        _egressOf = egressOf;
        Snapshot = snapshot;
        _policyIndexOf = [];
        var byNs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < policies.Length; i++)
        {
            if (policies[i] is { } p)
            {
                _policyIndexOf[p.Key] = i;
                if (!byNs.TryGetValue(p.Key.Namespace, out var l))
                {
                    byNs[p.Key.Namespace] = l = [];
                }

                l.Add(i);
            }
        }

        _policiesByNamespace = byNs.ToDictionary(kv => kv.Key, kv => kv.Value.OrderBy(i => policies[i]!.Key.Name, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    private int[]? _slotsInKeyOrder;

    /// <summary>
    /// Slots of the live policies in key order (namespace, name): the order a fresh build numbers them in. Everything
    /// that lists policies (per-pod arrays, findings) follows it, so answers do not depend on the edit history.
    /// </summary>
    internal int[] SlotsInKeyOrder => _slotsInKeyOrder ??=
        [.. Enumerable.Range(0, _policies.Length).Where(i => _policies[i] is not null).Order(KeyOrder(_policies))];

    /// <summary>Compares slots by their policies' keys in snapshot order.</summary>
    internal static IComparer<int> KeyOrder(CompiledPolicy?[] slots) =>
        Comparer<int>.Create((x, y) => IndexDelta.Compare(slots[x]!.Key, slots[y]!.Key));

    internal PolicyIndex Index { get; }

    /// <summary>The stages around the NetworkPolicy stage (Admin and Baseline tiers, plug-ins); empty when the snapshot has none.</summary>
    internal PolicyChain Chain { get; }

    /// <summary>True when policies other than NetworkPolicy take part (cluster-scoped tiers, plug-in stages).</summary>
    public bool HasTiers => !Chain.IsEmpty;
    internal PolicyCompiler Compiler { get; }

    /// <summary>The snapshot this engine answers for (with what-if edits applied, when derived by WithPolicy).</summary>
    public ClusterSnapshot Snapshot { get; }

    /// <summary>Every pod, in snapshot order (namespace, name): the row/column order of matrices.</summary>
    public ImmutableArray<ObjectKey> Pods => Index.PodKeys;

    public int PolicyCount => _policyIndexOf.Count;

    public static PolicyEngine Build(ClusterSnapshot snapshot)
    {
        var index = new PolicyIndex(snapshot);
        var compiler = new PolicyCompiler(index);
        var policies = new CompiledPolicy?[snapshot.NetworkPolicies.Count];
        Parallel.For(0, policies.Length, i => policies[i] = compiler.Compile(snapshot.NetworkPolicies[i]));
        var ingressOf = new List<int>[index.PodCount];
        var egressOf = new List<int>[index.PodCount];
        for (var i = 0; i < policies.Length; i++)
        {
            var p = policies[i]!;
            foreach (var pod in p.Selected.Members())
            {
                if (p.AffectsIngress)
                {
                    (ingressOf[pod] ??= []).Add(i);
                }

                if (p.AffectsEgress)
                {
                    (egressOf[pod] ??= []).Add(i);
                }
            }
        }

        return new PolicyEngine(index, compiler, policies,
            [.. ingressOf.Select(l => l?.ToArray() ?? [])], [.. egressOf.Select(l => l?.ToArray() ?? [])], snapshot, PolicyChain.Build(snapshot, compiler));
    }

    public int IndexOf(ObjectKey pod) => Index.PodIndexOf.TryGetValue(pod, out var i) ? i : -1;

    internal CompiledPolicy PolicyAt(int i) => _policies[i]!;

    internal int PolicySlots => _policies.Length;

    internal CompiledPolicy? PolicySlot(int i) => _policies[i];

    internal int[] IngressPoliciesOf(int pod) => _ingressOf[pod];

    internal int[] EgressPoliciesOf(int pod) => _egressOf[pod];

    internal bool IsIngressIsolated(int pod) => !Index.HostNetwork[pod] && _ingressOf[pod].Length > 0;

    internal bool IsEgressIsolated(int pod) => !Index.HostNetwork[pod] && _egressOf[pod].Length > 0;

    internal IEnumerable<CompiledPolicy> PoliciesIn(string ns) =>
        _policiesByNamespace.TryGetValue(ns, out var ids) ? ids.Select(i => _policies[i]!) : [];

    internal bool TryGetPolicy(ObjectKey key, out CompiledPolicy policy)
    {
        if (_policyIndexOf.TryGetValue(key, out var i))
        {
            policy = _policies[i]!;
            return true;
        }

        policy = null!;
        return false;
    }

    /// <summary>Is the pod selected for ingress (egress) by some policy, i.e. isolated in that direction? False for hostNetwork pods.</summary>
    public bool IsIsolated(ObjectKey pod, bool ingress)
    {
        var i = IndexOf(pod);
        return i >= 0 && (ingress ? IsIngressIsolated(i) : IsEgressIsolated(i));
    }

    /// <summary>The verdict for one connection, with every reason. Throws ArgumentException for an unknown pod.</summary>
    public ReachExplanation Explain(ReachEndpoint from, ReachEndpoint to, ReachProbe probe) => PolicyExplainer.Explain(this, from, to, probe);

    /// <summary>
    /// The same verdict computed the naive way: selecting policies found by matching every policy of the namespace
    /// against labels, every rule checked against labels. The reference for tests and the benchmark's baseline.
    /// </summary>
    public ReachExplanation ExplainNaive(ReachEndpoint from, ReachEndpoint to, ReachProbe probe) => PolicyExplainer.Explain(this, from, to, probe, naive: true);

    /// <summary>Allowed or not, computed pair by pair without bitsets or explanations (the benchmark baseline).</summary>
    public bool IsAllowedNaive(ObjectKey from, ObjectKey to, ReachProbe probe) => NaiveEvaluator.Allowed(this, IndexOf(from), IndexOf(to), probe);

    /// <summary>All pairs of pods for each probe. Probes whose answers provably coincide share one computation.</summary>
    public ReachMatrix ComputeMatrix(IEnumerable<ReachProbe> probes) => MatrixComputer.Compute(this, [.. probes.Distinct()]);

    /// <summary>Whom the pod can reach on the probe (the topology overlay): one entry per pod, itself included.</summary>
    public PodReachability ReachabilityFrom(ObjectKey pod, ReachProbe probe) => MatrixComputer.FromPod(this, pod, probe);

    /// <summary>Who can reach the pod on the probe: one entry per pod, itself included.</summary>
    public PodReachability ReachabilityTo(ObjectKey pod, ReachProbe probe) => MatrixComputer.ToPod(this, pod, probe);

    /// <summary>The union of the container ports of the given pods (all pods when null), sorted: the default probes.</summary>
    public ImmutableArray<ReachProbe> ContainerPortProbes(IEnumerable<ObjectKey>? pods = null)
    {
        var set = new SortedSet<ReachProbe>(Comparer<ReachProbe>.Create((a, b) =>
            a.Port != b.Port ? a.Port.CompareTo(b.Port) : string.CompareOrdinal(a.Protocol, b.Protocol)));
        foreach (var key in pods ?? Index.PodKeys)
        {
            var i = IndexOf(key);
            if (i < 0)
            {
                continue;
            }

            foreach (var c in Index.Pods[i].Containers.Where(c => !c.IsInit))
            {
                foreach (var p in c.Ports)
                {
                    set.Add(new ReachProbe(p.Port, PolicyIndex.Proto(p.Protocol)));
                }
            }
        }

        return [.. set];
    }

    /// <summary>A new engine with the policy added or replaced; only that policy is compiled again.</summary>
    public PolicyEngine WithPolicy(NetworkPolicyInfo policy)
    {
        var compiled = Compiler.Compile(policy);
        var slots = (CompiledPolicy?[])_policies.Clone();
        int slot;
        if (_policyIndexOf.TryGetValue(policy.Key, out var existing))
        {
            slot = existing;
        }
        else
        {
            slot = slots.Length;
            Array.Resize(ref slots, slots.Length + 1);
        }

        var old = slot < _policies.Length ? _policies[slot] : null;
        slots[slot] = compiled;
        return Derive(slots, slot, old, compiled, Snapshot with
        {
            NetworkPolicies = KindCollection<NetworkPolicyInfo>.From(Snapshot.NetworkPolicies.Where(p => p.Key != policy.Key).Append(policy)),
        });
    }

    /// <summary>A new engine without the policy (unchanged when there is none of that name).</summary>
    public PolicyEngine WithoutPolicy(ObjectKey key)
    {
        if (!_policyIndexOf.TryGetValue(key, out var slot))
        {
            return this;
        }

        var slots = (CompiledPolicy?[])_policies.Clone();
        var old = slots[slot];
        slots[slot] = null;
        return Derive(slots, slot, old, null, Snapshot with
        {
            NetworkPolicies = KindCollection<NetworkPolicyInfo>.From(Snapshot.NetworkPolicies.Where(p => p.Key != key)),
        });
    }

    /// <summary>The same compiled state answering for <paramref name="snapshot"/>, whose pods, namespaces and policies must be the ones compiled.</summary>
    internal PolicyEngine Rebind(ClusterSnapshot snapshot) =>
        new(Index, Compiler, _policies, _ingressOf, _egressOf, snapshot, Chain.Derive(Snapshot, snapshot, Compiler));

    /// <summary>A new engine with the cluster-scoped policy (ClusterNetworkPolicy, ANP, BANP) added or replaced; only that policy is compiled again (the tier stages are derived).</summary>
    public PolicyEngine WithClusterPolicy(ClusterPolicyInfo policy) => WithClusterPolicies(Replace(Snapshot, policy.Kind, policy.Name, policy));

    /// <summary>A new engine without that cluster-scoped policy (unchanged when there is none of that kind and name).</summary>
    public PolicyEngine WithoutClusterPolicy(ClusterPolicyKind kind, string name) =>
        ClusterPoliciesOf(Snapshot, kind).ByKey.ContainsKey(ObjectKey.Cluster(name)) ? WithClusterPolicies(Replace(Snapshot, kind, name, null)) : this;

    /// <summary>A new engine with the Calico policy added or replaced (by kind and key); only that policy is compiled again (the Calico tier stages are derived).</summary>
    public PolicyEngine WithCalicoPolicy(CalicoPolicyInfo policy) => WithClusterPolicies(ReplaceCalico(Snapshot, policy.Kind, policy.Key, policy));

    /// <summary>A new engine without that Calico policy (unchanged when there is none of that kind and key).</summary>
    public PolicyEngine WithoutCalicoPolicy(CalicoPolicyKind kind, ObjectKey key) =>
        CalicoPoliciesOf(Snapshot, kind).ByKey.ContainsKey(key) ? WithClusterPolicies(ReplaceCalico(Snapshot, kind, key, null)) : this;

    /// <summary>
    /// A new engine with a Calico Tier, NetworkSet or GlobalNetworkSet edit applied (<see cref="PolicyEdit.IsCalicoResource"/>).
    /// The Calico stages are derived: a set edit compiles again only the policies whose rules pick the old or new set
    /// (the others keep their bitsets); a Tier edit keeps every compiled policy and regroups the tiers.
    /// </summary>
    public PolicyEngine WithCalicoResource(PolicyEdit edit) => WithClusterPolicies(CalicoResourceEdits.Apply(Snapshot, edit));

    internal static KindCollection<CalicoPolicyInfo> CalicoPoliciesOf(ClusterSnapshot s, CalicoPolicyKind kind) =>
        kind == CalicoPolicyKind.GlobalNetworkPolicy ? s.CalicoGlobalNetworkPolicies : s.CalicoNetworkPolicies;

    internal static ClusterSnapshot ReplaceCalico(ClusterSnapshot s, CalicoPolicyKind kind, ObjectKey key, CalicoPolicyInfo? now)
    {
        var list = KindCollection<CalicoPolicyInfo>.From(CalicoPoliciesOf(s, kind).Where(p => p.Key != key).Concat(now is null ? [] : [now]));
        return kind == CalicoPolicyKind.GlobalNetworkPolicy ? s with { CalicoGlobalNetworkPolicies = list } : s with { CalicoNetworkPolicies = list };
    }

    private PolicyEngine WithClusterPolicies(ClusterSnapshot snapshot) =>
        new(Index, Compiler, _policies, _ingressOf, _egressOf, snapshot, Chain.Derive(Snapshot, snapshot, Compiler));

    internal static KindCollection<ClusterPolicyInfo> ClusterPoliciesOf(ClusterSnapshot s, ClusterPolicyKind kind) => kind switch
    {
        ClusterPolicyKind.ClusterNetworkPolicy => s.ClusterNetworkPolicies,
        ClusterPolicyKind.AdminNetworkPolicy => s.AdminNetworkPolicies,
        _ => s.BaselineAdminNetworkPolicies,
    };

    internal static ClusterSnapshot Replace(ClusterSnapshot s, ClusterPolicyKind kind, string name, ClusterPolicyInfo? now)
    {
        var list = KindCollection<ClusterPolicyInfo>.From(ClusterPoliciesOf(s, kind).Where(p => p.Name != name).Concat(now is null ? [] : [now]));
        return kind switch
        {
            ClusterPolicyKind.ClusterNetworkPolicy => s with { ClusterNetworkPolicies = list },
            ClusterPolicyKind.AdminNetworkPolicy => s with { AdminNetworkPolicies = list },
            _ => s with { BaselineAdminNetworkPolicies = list },
        };
    }


    /// <summary>Pods whose ingress (egress) side a change from <paramref name="old"/> to <paramref name="now"/> can affect.</summary>
    internal static (PodSet Ingress, PodSet Egress) Affected(int podCount, CompiledPolicy? old, CompiledPolicy? now)
    {
        var ingress = new PodSet(podCount);
        var egress = new PodSet(podCount);
        foreach (var p in new[] { old, now })
        {
            if (p is null)
            {
                continue;
            }

            if (p.AffectsIngress)
            {
                ingress.UnionWith(p.Selected);
            }

            if (p.AffectsEgress)
            {
                egress.UnionWith(p.Selected);
            }
        }

        return (ingress, egress);
    }

    private PolicyEngine Derive(CompiledPolicy?[] slots, int slot, CompiledPolicy? old, CompiledPolicy? now, ClusterSnapshot snapshot)
    {
        var (ingress, egress) = Affected(Index.PodCount, old, now);
        var ingressOf = (int[][])_ingressOf.Clone();
        var egressOf = (int[][])_egressOf.Clone();
        var order = KeyOrder(slots);
        foreach (var pod in ingress.Members())
        {
            ingressOf[pod] = Recalc(ingressOf[pod], slot, now is { AffectsIngress: true } && now.Selected.Has(pod), order);
        }

        foreach (var pod in egress.Members())
        {
            egressOf[pod] = Recalc(egressOf[pod], slot, now is { AffectsEgress: true } && now.Selected.Has(pod), order);
        }

        // Under Calico, Kubernetes NetworkPolicies can be part of the default tier's stage: the chain follows the edit.
        return new PolicyEngine(Index, Compiler, slots, ingressOf, egressOf, snapshot, Chain.Derive(Snapshot, snapshot, Compiler));
    }

    /// <summary>The pod's policy slots with <paramref name="slot"/> in or out, in key order (a fresh build's order).</summary>
    private static int[] Recalc(int[] current, int slot, bool include, IComparer<int> order)
    {
        var without = current.Where(i => i != slot);
        return include ? [.. without.Append(slot).Order(order)] : [.. without];
    }
}
