using System.Runtime.CompilerServices;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Calico;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>
/// The naive evaluator's Calico tiers, walked as Calico documents them: tiers by order (then name; no order last); in a
/// tier, the policies applying to the endpoint by order (then name); the first matching rule decides (Log goes on, Pass
/// leaves the tier); a tier with applying policies and no decision ends in its defaultAction (Deny unless Pass).
/// Kubernetes NetworkPolicies join the default tier (at order 1000) when Calico policies live there too.
/// Policies are compiled by <see cref="CalicoPolicyCompiler"/> (selectors parsed, network sets and Kubernetes rules
/// translated) and each rule is matched by its label matcher; the tier walk, ordering, Pass, Log and the end-of-tier
/// deny are this class's own loops, not the engine's bitset stages or its tiered evaluator.
/// </summary>
internal sealed class NaiveCalicoTiers
{
    public const string DefaultTier = CalicoPolicyCompiler.DefaultTier;

    /// <summary>Where the NetworkPolicy stage sits: Calico's default tier order (Calico 3.28+).</summary>
    public const double DefaultTierOrder = 1_000_000;

    private static readonly ConditionalWeakTable<ClusterSnapshot, NaiveCalicoTiers> Built = new();

    private readonly List<(string Name, double? Order, CalicoRuleAction DefaultAction, List<CalicoCompiledPolicy> Policies)> _tiers = [];
    private readonly int _defaultAt;
    private readonly Dictionary<ObjectKey, CalicoEndpoint> _endpoints;

    private NaiveCalicoTiers(ClusterSnapshot snapshot)
    {
        var sets = CalicoNetworkSetIndex.Of(snapshot);
        var policies = new List<CalicoCompiledPolicy>();
        foreach (var p in snapshot.CalicoGlobalNetworkPolicies.Concat(snapshot.CalicoNetworkPolicies))
        {
            policies.Add(CalicoPolicyCompiler.Compile(p, sets));
        }

        if (policies.Any(p => p.Tier == DefaultTier))
        {
            foreach (var np in snapshot.NetworkPolicies)
            {
                policies.Add(CalicoPolicyCompiler.Compile(np));
            }
        }

        var names = snapshot.CalicoTiers.Select(t => t.Name).Concat(policies.Select(p => p.Tier)).Append(DefaultTier).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var info = snapshot.CalicoTiers.FirstOrDefault(t => t.Name == name);
            var order = info is not null ? info.Order : name == DefaultTier ? DefaultTierOrder : null;
            var inTier = policies.Where(p => p.Tier == name).ToList();
            inTier.Sort((a, b) => Compare(a.Order, b.Order) is var c && c != 0 ? c : string.CompareOrdinal(a.SortName, b.SortName));
            _tiers.Add((name, order, info?.DefaultAction ?? CalicoRuleAction.Deny, inTier));
        }

        _tiers.Sort((a, b) => Compare(a.Order, b.Order) is var c && c != 0 ? c : string.CompareOrdinal(a.Name, b.Name));
        _defaultAt = _tiers.FindIndex(t => t.Name == DefaultTier);
        var namespaces = snapshot.Namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
        _endpoints = snapshot.Pods.ToDictionary(p => p.Key, p => CalicoEndpoint.OfPod(p, snapshot, namespaces));
    }

    /// <summary>The Calico tiers of the snapshot; null when it holds no Calico policy (then Calico plays no part).</summary>
    public static NaiveCalicoTiers? Of(ClusterSnapshot snapshot) =>
        snapshot.CalicoNetworkPolicies.Count + snapshot.CalicoGlobalNetworkPolicies.Count == 0 ? null
            // Kept per snapshot: the evaluator answers one pair per call, and compiling per pair would dwarf the walk.
            : Built.GetValue(snapshot, s => new NaiveCalicoTiers(s));

    /// <summary>
    /// Adds the tiers that have policies applying to pod <paramref name="judged"/> in the direction, each with its
    /// place among the other families' tiers: tiers ordered before the default tier at their order, but always before
    /// the NetworkPolicy stage; the default tier right before it (same tier name, so a Pass there skips it too); the
    /// tiers after it at their order, but always after it.
    /// </summary>
    public void AddTiers(PolicyIndex index, int judged, int other, bool ingress, ReachProbe probe,
        List<(double Order, int Family, string Tier, Func<StageDecision> Decide)> into)
    {
        var at = _endpoints[index.PodKeys[judged]];
        var peer = _endpoints[index.PodKeys[other]];
        var (src, dst) = ingress ? (peer, at) : (at, peer);
        for (var i = 0; i < _tiers.Count; i++)
        {
            var tier = _tiers[i];
            var applying = tier.Policies.Where(p => (ingress ? p.Ingress : p.Egress) && p.AppliesTo(at)).ToList();
            if (applying.Count == 0)
            {
                continue;
            }

            var place = i < _defaultAt ? (tier.Order is { } before && before < DefaultTierOrder - 1 ? before : DefaultTierOrder - 1 - ((_defaultAt - i) * 1e-3))
                : i == _defaultAt ? DefaultTierOrder - 1e-6
                : (tier.Order is { } after && after > DefaultTierOrder + 1 ? after : DefaultTierOrder + 1 + ((i - _defaultAt) * 1e-3));
            into.Add((place, 1, tier.Name, () => Decide(applying, tier.DefaultAction, src, dst, probe, ingress)));
        }
    }

    private static StageDecision Decide(List<CalicoCompiledPolicy> applying, CalicoRuleAction defaultAction, CalicoEndpoint src, CalicoEndpoint dst, ReachProbe probe, bool ingress)
    {
        foreach (var policy in applying)
        {
            foreach (var rule in ingress ? policy.IngressRules : policy.EgressRules)
            {
                if (rule.Action == CalicoRuleAction.Log || rule.Mismatch(src, dst, probe, []) is not null)
                {
                    continue;
                }

                return rule.Action switch
                {
                    CalicoRuleAction.Allow => StageDecision.Allow,
                    CalicoRuleAction.Pass => StageDecision.Pass,
                    _ => StageDecision.Deny,
                };
            }
        }

        return defaultAction == CalicoRuleAction.Pass ? StageDecision.Pass : StageDecision.Deny;
    }

    /// <summary>Lower order first; no order after every order.</summary>
    private static int Compare(double? a, double? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        var (x, y) => x!.Value.CompareTo(y!.Value),
    };
}
