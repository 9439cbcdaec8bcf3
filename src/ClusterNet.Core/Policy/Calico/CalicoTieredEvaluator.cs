using System.Collections.Concurrent;
using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Calico's policy evaluation for one snapshot, per direction at a workload endpoint: tiers by order; in a tier, the
/// policies that apply to the endpoint by order; the first matching rule decides (Log goes on, Pass jumps to the next
/// tier); a tier with applying policies and no decision ends in its default action (Deny unless the Tier says Pass); a
/// tier with none applying is skipped; after the last tier Calico's Kubernetes profile allows. Kubernetes
/// NetworkPolicies sit in the default tier at order 1000. A connection is allowed only when the source's egress and
/// the destination's ingress both allow.
/// </summary>
public sealed class CalicoTieredEvaluator
{
    /// <summary>
    /// The default tier's order when no Tier object says (Calico 3.28 and later create it with 1,000,000, so tiers
    /// written without a larger order come before it). An assumption: the cluster's own Tier object wins when read.
    /// </summary>
    public const double DefaultTierOrder = 1_000_000;

    private readonly ImmutableArray<CalicoTier> _tiers;
    private readonly Dictionary<ObjectKey, CalicoEndpoint> _pods;
    private readonly ConcurrentDictionary<(ObjectKey Pod, bool Ingress), ImmutableArray<(CalicoTier Tier, ImmutableArray<CalicoCompiledPolicy> Policies)>> _applying = new();

    /// <summary>Each compiled policy by the object it was compiled from (a Calico policy or a Kubernetes NetworkPolicy).</summary>
    private readonly Dictionary<object, CalicoCompiledPolicy> _bySource;

    /// <summary>
    /// Policies this model compiled again only because other network sets changed which nets their rules pick: the
    /// previous compilation, and in which directions the picked nets differ (the rest of the policy is unchanged).
    /// </summary>
    private readonly Dictionary<CalicoCompiledPolicy, (CalicoCompiledPolicy Old, bool Ingress, bool Egress)> _setsOnly;

    private CalicoTieredEvaluator(ClusterSnapshot snapshot, ImmutableArray<CalicoTier> tiers, ImmutableArray<string> notes,
        Dictionary<object, CalicoCompiledPolicy> bySource, Dictionary<ObjectKey, CalicoEndpoint>? pods,
        Dictionary<CalicoCompiledPolicy, (CalicoCompiledPolicy Old, bool Ingress, bool Egress)> setsOnly)
    {
        Snapshot = snapshot;
        _tiers = tiers;
        Notes = notes;
        _bySource = bySource;
        _setsOnly = setsOnly;
        if (pods is null)
        {
            var namespaces = snapshot.Namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
            pods = snapshot.Pods.ToDictionary(p => p.Key, p => CalicoEndpoint.OfPod(p, snapshot, namespaces));
        }

        _pods = pods;
    }

    public ClusterSnapshot Snapshot { get; }

    /// <summary>Assumptions and problems found while building (undefined tiers, the default tier's assumed order).</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>For a policy compiled again only for network set changes: its previous compilation and the directions whose rules pick other nets.</summary>
    internal (CalicoCompiledPolicy Old, bool Ingress, bool Egress)? SetsOnlyChange(CalicoCompiledPolicy policy) =>
        _setsOnly.TryGetValue(policy, out var change) ? change : null;

    /// <summary>Tier names in evaluation order.</summary>
    public ImmutableArray<string> TierOrder => [.. _tiers.Select(t => t.Name)];

    public int PolicyCount => _tiers.Sum(t => t.Policies.Length);

    /// <summary>Builds the model; <paramref name="includeKubernetesPolicies"/> false leaves NetworkPolicies out (Calico policies alone).</summary>
    public static CalicoTieredEvaluator Build(ClusterSnapshot snapshot, bool includeKubernetesPolicies = true) => Build(snapshot, includeKubernetesPolicies, null);

    /// <summary>
    /// The model for <paramref name="snapshot"/>, a snapshot derived from this one's (same pods and namespaces) with
    /// some policies, Tiers or network sets changed: policies whose source object is unchanged keep their compiled form
    /// (with other network sets, only when their rules pick the same set nets as before); the rest compile.
    /// </summary>
    internal CalicoTieredEvaluator Derive(ClusterSnapshot snapshot, bool includeKubernetesPolicies) => Build(snapshot, includeKubernetesPolicies, this);

    private static CalicoTieredEvaluator Build(ClusterSnapshot snapshot, bool includeKubernetesPolicies, CalicoTieredEvaluator? previous)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        var bySource = new Dictionary<object, CalicoCompiledPolicy>(ReferenceEqualityComparer.Instance);

        // Network sets are compiled into the rules: with other sets than the previous model's, a kept policy is compiled
        // again and its old form kept only when every rule picks the same set nets (then its bitsets stay valid).
        var sets = CalicoNetworkSetIndex.Of(snapshot);
        var setsOnly = new Dictionary<CalicoCompiledPolicy, (CalicoCompiledPolicy Old, bool Ingress, bool Egress)>(ReferenceEqualityComparer.Instance);
        var setsChanged = previous is not null && (!ReferenceEquals(previous.Snapshot.CalicoNetworkSets, snapshot.CalicoNetworkSets)
            || !ReferenceEquals(previous.Snapshot.CalicoGlobalNetworkSets, snapshot.CalicoGlobalNetworkSets));
        CalicoCompiledPolicy Compiled<T>(T source, Func<T, CalicoCompiledPolicy> compile, bool readsSets)
            where T : class
        {
            if (previous is null || !previous._bySource.TryGetValue(source, out var c))
            {
                c = compile(source);
            }
            else if (readsSets && setsChanged && compile(source) is var now && !CalicoPolicyCompiler.SameSets(c, now))
            {
                setsOnly[now] = (c, !CalicoPolicyCompiler.SameSets(c.IngressRules, now.IngressRules), !CalicoPolicyCompiler.SameSets(c.EgressRules, now.EgressRules));
                c = now;
            }

            bySource[source] = c;
            return c;
        }

        var compiled = snapshot.CalicoGlobalNetworkPolicies.Concat(snapshot.CalicoNetworkPolicies).Select(p => Compiled(p, x => CalicoPolicyCompiler.Compile(x, sets), readsSets: true)).ToList();
        if (includeKubernetesPolicies)
        {
            compiled.AddRange(snapshot.NetworkPolicies.Select(p => Compiled(p, CalicoPolicyCompiler.Compile, readsSets: false)));
        }

        var defined = snapshot.CalicoTiers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (!defined.ContainsKey(CalicoPolicyCompiler.DefaultTier))
        {
            defined[CalicoPolicyCompiler.DefaultTier] = new CalicoTierInfo { Name = CalicoPolicyCompiler.DefaultTier, Order = DefaultTierOrder };
            notes.Add($"assumed: tier default has order {DefaultTierOrder:0} and default action Deny (no Tier object read; Calico 3.28+ creates it so)");
        }

        var byTier = compiled.GroupBy(p => p.Tier, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var tiers = new List<CalicoTier>();
        foreach (var name in defined.Keys.Union(byTier.Keys, StringComparer.Ordinal))
        {
            var known = defined.TryGetValue(name, out var info);
            if (!known)
            {
                notes.Add($"tier {name} is used by {byTier[name].Count} polic{(byTier[name].Count == 1 ? "y" : "ies")} but no Tier object defines it: Calico refuses such policies; evaluated as a tier with no order");
            }

            var policies = byTier.GetValueOrDefault(name) ?? [];
            policies.Sort((a, b) => CalicoTier.CompareOrder(a.Order, b.Order) is var c && c != 0 ? c : string.CompareOrdinal(a.SortName, b.SortName));
            tiers.Add(new CalicoTier
            {
                Name = name,
                Order = info?.Order,
                DefaultAction = info?.DefaultAction ?? CalicoRuleAction.Deny,
                Defined = known,
                Policies = [.. policies],
            });
        }

        tiers.Sort((a, b) => CalicoTier.CompareOrder(a.Order, b.Order) is var c && c != 0 ? c : string.CompareOrdinal(a.Name, b.Name));
        var samePods = previous is not null && ReferenceEquals(previous.Snapshot.Pods, snapshot.Pods) && ReferenceEquals(previous.Snapshot.Namespaces, snapshot.Namespaces)
            && ReferenceEquals(previous.Snapshot.ServiceAccounts, snapshot.ServiceAccounts);
        return new CalicoTieredEvaluator(snapshot, [.. tiers], notes.ToImmutable(), bySource, samePods ? previous!._pods : null, setsOnly);
    }

    /// <summary>The verdict for one connection with both directions' walks. Throws <see cref="ArgumentException"/> for a pod not in the snapshot.</summary>
    public CalicoReachResult Evaluate(ReachEndpoint from, ReachEndpoint to, ReachProbe probe)
    {
        var src = Resolve(from, "from");
        var dst = Resolve(to, "to");
        if (src.IsPod && ReferenceEquals(src, dst))
        {
            var self = new CalicoDirectionResult
            {
                Direction = "Egress", Pod = src.Pod!.Key, Allows = true, Outcome = CalicoOutcome.NotApplicable,
                Summary = "traffic from a pod to itself never leaves it; no policy applies",
            };
            return new CalicoReachResult
            {
                From = from, To = to, Probe = probe, Allowed = true, Egress = self, Ingress = self with { Direction = "Ingress" },
                Summary = "allowed: a pod reaching itself is never filtered",
            };
        }

        var egress = Direction(src, src, dst, probe, ingress: false);
        var ingress = Direction(dst, src, dst, probe, ingress: true);
        var allowed = egress.Allows && ingress.Allows;
        var summary = allowed
            ? $"allowed: egress at {src}: {egress.Summary}; ingress at {dst}: {ingress.Summary}"
            : !egress.Allows
                ? $"denied by egress at {src}: {egress.Summary}"
                : $"denied by ingress at {dst}: {ingress.Summary}";
        return new CalicoReachResult
        {
            From = from,
            To = to,
            Probe = probe,
            Allowed = allowed,
            Egress = egress,
            Ingress = ingress,
            Summary = summary,
            Caveats = [.. egress.Caveats.Concat(ingress.Caveats).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>Policies that apply to the pod in a direction, in evaluation order ("tier/policy").</summary>
    public ImmutableArray<string> ApplyingPolicies(ObjectKey pod, bool ingress) =>
        _pods.TryGetValue(pod, out var e) ? [.. Applying(e, ingress).SelectMany(t => t.Policies.Select(p => $"{t.Tier.Name}/{p.Display}"))] : [];

    internal ImmutableArray<CalicoTier> Tiers => _tiers;

    internal CalicoEndpoint? EndpointOf(ObjectKey pod) => _pods.GetValueOrDefault(pod);

    /// <summary>The tier's policies that apply to the pod in a direction, in order (empty when the tier is skipped).</summary>
    internal ImmutableArray<CalicoCompiledPolicy> ApplyingIn(CalicoTier tier, CalicoEndpoint e, bool ingress)
    {
        foreach (var t in Applying(e, ingress))
        {
            if (ReferenceEquals(t.Tier, tier))
            {
                return t.Policies;
            }
        }

        return [];
    }

    private CalicoEndpoint Resolve(ReachEndpoint endpoint, string what)
    {
        if (endpoint.Pod is { } key)
        {
            return _pods.TryGetValue(key, out var e) ? e : throw new ArgumentException($"{what}: pod {key} is not in the snapshot", what);
        }

        return CalicoEndpoint.External(endpoint.Ip!);
    }

    private ImmutableArray<(CalicoTier Tier, ImmutableArray<CalicoCompiledPolicy> Policies)> Applying(CalicoEndpoint e, bool ingress) =>
        _applying.GetOrAdd((e.Pod!.Key, ingress), _ =>
        [
            .. _tiers
                .Select(t => (Tier: t, Policies: t.Policies.Where(p => (ingress ? p.Ingress : p.Egress) && p.AppliesTo(e)).ToImmutableArray()))
                .Where(t => t.Policies.Length > 0),
        ]);

    private CalicoDirectionResult Direction(CalicoEndpoint at, CalicoEndpoint src, CalicoEndpoint dst, ReachProbe probe, bool ingress)
    {
        var dir = ingress ? "Ingress" : "Egress";
        var lower = ingress ? "ingress" : "egress";
        if (!at.IsPod)
        {
            return new CalicoDirectionResult
            {
                Direction = dir, Allows = true, Outcome = CalicoOutcome.NotApplicable,
                Summary = $"{at} is outside the pod set; Calico checks no {lower} policy there",
            };
        }

        if (at.Pod!.HostNetwork)
        {
            return new CalicoDirectionResult
            {
                Direction = dir, Pod = at.Pod.Key, Allows = true, Outcome = CalicoOutcome.NotApplicable,
                Caveats = [$"{at} uses the host network: Calico sees it as the node's host endpoint, which is not modelled"],
                Summary = $"{at} uses the host network, not a Calico workload endpoint; {lower} policy does not apply",
            };
        }

        var tiers = Applying(at, ingress);
        var steps = ImmutableArray.CreateBuilder<CalicoStep>();
        var caveats = new List<string>();
        var applying = tiers.SelectMany(t => t.Policies.Select(p => $"{t.Tier.Name}/{p.Display}")).ToImmutableArray();
        foreach (var (tier, policies) in tiers)
        {
            var r = EvaluateTier(tier, policies, at, src, dst, probe, ingress, steps, caveats);
            if (r.Outcome is CalicoOutcome.RuleAllow or CalicoOutcome.RuleDeny or CalicoOutcome.EndOfTierDeny)
            {
                return new CalicoDirectionResult
                {
                    Direction = dir,
                    Pod = at.Pod.Key,
                    Allows = r.Outcome == CalicoOutcome.RuleAllow,
                    Outcome = r.Outcome.Value,
                    Tier = tier.Name,
                    Policy = r.Policy?.Display,
                    PolicyKey = r.Policy?.Key,
                    PolicySource = r.Policy?.Source,
                    RuleIndex = r.Rule?.Index,
                    Action = r.Rule?.Action ?? CalicoRuleAction.Deny,
                    Applying = applying,
                    Steps = steps.ToImmutable(),
                    Caveats = Distinct(caveats),
                    Summary = r.Text,
                };
            }
        }

        var profile = tiers.Length == 0
            ? $"no Calico or Kubernetes policy applies to {at} for {lower}: Calico's namespace profile allows"
            : $"every tier passed: Calico's namespace profile allows";
        return new CalicoDirectionResult
        {
            Direction = dir, Pod = at.Pod.Key, Allows = true, Outcome = CalicoOutcome.ProfileAllow, Applying = applying,
            Steps = steps.ToImmutable(), Caveats = Distinct(caveats), Summary = profile,
        };
    }

    /// <summary>What one tier did: a deciding rule (Allow/Deny), the end-of-tier deny, or null Outcome for Pass (rule or defaultAction).</summary>
    internal readonly record struct TierResult(CalicoOutcome? Outcome, CalicoCompiledPolicy? Policy, CalicoCompiledRule? Rule, string Text);

    internal static TierResult EvaluateTier(CalicoTier tier, ImmutableArray<CalicoCompiledPolicy> policies, CalicoEndpoint at, CalicoEndpoint src, CalicoEndpoint dst,
        ReachProbe probe, bool ingress, ImmutableArray<CalicoStep>.Builder? steps, List<string>? caveats)
    {
        var lower = ingress ? "ingress" : "egress";
        if (caveats is not null)
        {
            for (var i = 1; i < policies.Length; i++)
            {
                if (policies[i].Order == policies[i - 1].Order)
                {
                    caveats.Add($"{tier.Label}: {policies[i - 1].Display} and {policies[i].Display} have the same order; Calico breaks the tie by name");
                }
            }
        }

        var ruleCaveats = caveats is null ? null : new List<string>();
        foreach (var policy in policies)
        {
            var rules = ingress ? policy.IngressRules : policy.EgressRules;
            var matched = false;
            foreach (var rule in rules)
            {
                ruleCaveats?.Clear();
                var mismatch = rule.Mismatch(src, dst, probe, ruleCaveats ?? []);
                if (ruleCaveats is not null)
                {
                    caveats!.AddRange(ruleCaveats);
                }

                if (mismatch is not null)
                {
                    continue;
                }

                if (!rule.Unmodelled.IsDefaultOrEmpty)
                {
                    caveats?.Add($"{policy.Display} {RuleLabel(policy, lower, rule)} has fields that are not modelled ({string.Join(", ", rule.Unmodelled)}); evaluated without them");
                }

                var label = $"{tier.Label}: {policy.Display} {policy.OrderText} {RuleLabel(policy, lower, rule)}{ActionText(policy, rule)}{CalicoEntityMatcher.ViaSets(rule.Source, src, rule.Destination, dst)}";
                steps?.Add(new CalicoStep { Tier = tier.Name, Policy = policy.Display, RuleIndex = rule.Index, Action = rule.Action, Text = label });
                matched = true;
                switch (rule.Action)
                {
                    case CalicoRuleAction.Log:
                        continue;
                    case CalicoRuleAction.Pass:
                        return new TierResult(null, policy, rule, label);
                    default:
                        return new TierResult(rule.Action == CalicoRuleAction.Allow ? CalicoOutcome.RuleAllow : CalicoOutcome.RuleDeny, policy, rule, label);
                }
            }

            if (!matched)
            {
                steps?.Add(new CalicoStep { Tier = tier.Name, Policy = policy.Display, Text = $"{tier.Label}: {policy.Display} {policy.OrderText}: no {lower} rule matches" });
            }
        }

        if (tier.DefaultAction == CalicoRuleAction.Pass)
        {
            var pass = $"{tier.Label}: no rule decided; the tier's defaultAction Pass goes on";
            steps?.Add(new CalicoStep { Tier = tier.Name, Action = CalicoRuleAction.Pass, Text = pass });
            return new TierResult(null, null, null, pass);
        }

        var end = $"{tier.Label}: {policies.Length} polic{(policies.Length == 1 ? "y applies" : "ies apply")} to {at} and no {lower} rule decided: denied at the end of the tier";
        steps?.Add(new CalicoStep { Tier = tier.Name, Action = CalicoRuleAction.Deny, Text = end });
        return new TierResult(CalicoOutcome.EndOfTierDeny, null, null, end);
    }

    private static ImmutableArray<string> Distinct(List<string> caveats) => [.. caveats.Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Calico rules read like the ClusterNetworkPolicy tier ("ingress rule 2 `Deny`", 1-based); a Kubernetes
    /// NetworkPolicy placed in the default tier keeps its own wording ("ingress[0] Allow", 0-based, as everywhere else).
    /// </summary>
    private static string RuleLabel(CalicoCompiledPolicy policy, string direction, CalicoCompiledRule rule) =>
        policy.Source == CalicoPolicySource.KubernetesNetworkPolicy
            ? $"{direction}[{rule.Index}]{(rule.Part is null ? "" : " " + rule.Part)}"
            : $"{direction} rule {rule.Index + 1}";

    private static string ActionText(CalicoCompiledPolicy policy, CalicoCompiledRule rule) =>
        policy.Source == CalicoPolicySource.KubernetesNetworkPolicy ? $" {rule.Action}" : $" `{rule.Action}`";
}
