using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// Mistakes in the Admin and Baseline tiers that silently change reachability: priority ties, Pass with nothing below
/// it, more rules, peers, ports or CIDRs than the API allows, and rules that can never decide because another tier
/// (or an earlier rule) always decides first.
/// </summary>
internal static class ClusterPolicyLinter
{
    /// <summary>network-policy-api limits: v1alpha2 ClusterNetworkPolicy 25 per list; v1alpha1 ANP/BANP 100 rules, peers and ports; networks 25.</summary>
    private static int RuleLimit(ClusterPolicyKind kind) => kind == ClusterPolicyKind.ClusterNetworkPolicy ? 25 : 100;

    private const int NetworksLimit = 25;

    public static void Lint(PolicyEngine engine, List<Finding> findings)
    {
        var stages = engine.Chain.Stages.OfType<ClusterPolicyStage>().ToList();
        foreach (var stage in stages)
        {
            foreach (var p in stage.Policies)
            {
                Limits(p, findings);
                ShadowedWithinPolicy(p, findings);
                PassWithNothingBelow(engine, stage, p, findings);
                BaselineNeverReached(engine, stage, p, findings);
            }

            Ties(stage, findings);
        }

        if (stages.FirstOrDefault(s => s.TierKind == ClusterPolicyTier.Admin) is { } admin)
        {
            NetworkPolicyRulesShadowedByAdmin(engine, admin, findings);
        }
    }

    private static Finding Make(string code, Severity severity, CompiledClusterPolicy p, string? field, string message, string? fix = null) => new()
    {
        Area = FindingArea.Policy,
        Code = code,
        Severity = severity,
        Subject = p.Source.DisplayName,
        Field = field,
        Message = message,
        Fixes = fix is null ? [] : [new FindingFix { Title = fix, Target = p.Source.DisplayName }],
    };

    private static void Limits(CompiledClusterPolicy p, List<Finding> findings)
    {
        var limit = RuleLimit(p.Source.Kind);
        foreach (var (rules, dir) in new[] { (p.IngressRules, "ingress"), (p.EgressRules, "egress") })
        {
            if (rules.Length > limit)
            {
                findings.Add(Make("tier-too-many-rules", Severity.Error, p, $"spec.{dir}",
                    $"spec.{dir} has {rules.Length} rules; the {p.Source.Kind} API allows at most {limit}: the API server rejects the object, so it is not in force on a real cluster.",
                    $"Split the rules over several {p.Source.Kind} objects"));
            }

            foreach (var r in rules)
            {
                var peers = dir == "ingress" ? "from" : "to";
                if (r.Source.Peers.Length > limit)
                {
                    findings.Add(Make("tier-too-many-peers", Severity.Error, p, $"spec.{dir}[{r.Index}].{peers}",
                        $"{r.Label} lists {r.Source.Peers.Length} peers; the API allows at most {limit}: the API server rejects the object."));
                }

                if (r.Source.Ports is { } ports && ports.Length > limit)
                {
                    var name = p.Source.Kind == ClusterPolicyKind.ClusterNetworkPolicy ? "protocols" : "ports";
                    findings.Add(Make("tier-too-many-ports", Severity.Error, p, $"spec.{dir}[{r.Index}].{name}",
                        $"{r.Label} lists {ports.Length} {name}; the API allows at most {limit}: the API server rejects the object."));
                }

                for (var k = 0; k < r.Source.Peers.Length; k++)
                {
                    var peer = r.Source.Peers[k];
                    if (peer.Networks.Length > NetworksLimit)
                    {
                        findings.Add(Make("tier-too-many-cidrs", Severity.Error, p, $"spec.{dir}[{r.Index}].{peers}[{k}].networks",
                            $"{r.Label} peer {k} lists {peer.Networks.Length} networks; the API allows at most {NetworksLimit} CIDRs per peer: the API server rejects the object.",
                            "Aggregate the CIDRs or split them over several peers"));
                    }
                }
            }
        }
    }

    /// <summary>A rule whose peers an earlier all-ports rule of the same policy already covers never matches.</summary>
    private static void ShadowedWithinPolicy(CompiledClusterPolicy p, List<Finding> findings)
    {
        foreach (var (rules, dir) in new[] { (p.IngressRules, "ingress"), (p.EgressRules, "egress") })
        {
            for (var k = 0; k < rules.Length; k++)
            {
                var r = rules[k];
                if (r.Action is null || r.Rule.AllPods.IsEmpty || r.HasDomainNames || r.Peers.Any(x => !x.Networks.IsEmpty))
                {
                    continue;
                }

                var covered = new PodSet(r.Rule.AllPods.Capacity);
                CompiledClusterRule? by = null;
                for (var j = 0; j < k; j++)
                {
                    var e = rules[j];
                    if (e.Action is null || e.Rule.Ports is not null)
                    {
                        continue;
                    }

                    covered.UnionWith(e.Rule.AllPods);
                    by ??= e;
                    var rest = r.Rule.AllPods.Clone();
                    rest.ExceptWith(covered);
                    if (rest.IsEmpty)
                    {
                        findings.Add(Make("tier-rule-shadowed", Severity.Warning, p, $"spec.{dir}[{k}]",
                            $"{r.Label} `{r.Source.ActionText}` never matches: every pod it names is already matched on all ports by {by.Label} `{by.Source.ActionText}`"
                            + (j > by.Index ? $" and the rules up to {e.Label}" : "") + " of the same policy, and the first matching rule decides.",
                            "Move the rule up or delete it"));
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Pass hands the decision to NetworkPolicy and the Baseline tier; where neither judges the subject, it equals Allow.</summary>
    private static void PassWithNothingBelow(PolicyEngine engine, ClusterPolicyStage stage, CompiledClusterPolicy p, List<Finding> findings)
    {
        foreach (var (rules, ingress) in new[] { (p.IngressRules, true), (p.EgressRules, false) })
        {
            foreach (var r in rules.Where(r => r.Action == ClusterPolicyAction.Pass))
            {
                var dir = ingress ? "ingress" : "egress";
                if (stage.TierKind == ClusterPolicyTier.Baseline)
                {
                    findings.Add(Make("tier-pass-nothing-below", Severity.Warning, p, $"spec.{dir}[{r.Index}].action",
                        $"{r.Label} `Pass` in the Baseline tier: nothing comes after the Baseline tier but the default allow, so Pass allows.",
                        "Use Accept if allowing is meant, or Deny"));
                    continue;
                }

                var judged = p.Subject.Members().Where(pod => (ingress ? engine.IsIngressIsolated(pod) : engine.IsEgressIsolated(pod))
                    || engine.Chain.Stages.Any(s => s != stage && s.Order > stage.Order && s.Selects(pod, ingress))).Count();
                if (!p.Subject.IsEmpty && judged == 0)
                {
                    findings.Add(Make("tier-pass-nothing-below", Severity.Warning, p, $"spec.{dir}[{r.Index}].action",
                        $"{r.Label} `Pass` hands the decision to NetworkPolicy and the Baseline tier, but neither selects any of the {p.Subject.Count} subject pod(s) for {dir}: the traffic it matches is allowed by default.",
                        "Use Accept if allowing is meant, or add the NetworkPolicy or Baseline policy that should decide"));
                }
            }
        }
    }

    /// <summary>A Baseline policy whose every subject pod is isolated by NetworkPolicy in that direction never decides anything.</summary>
    private static void BaselineNeverReached(PolicyEngine engine, ClusterPolicyStage stage, CompiledClusterPolicy p, List<Finding> findings)
    {
        if (stage.TierKind != ClusterPolicyTier.Baseline || p.Subject.IsEmpty)
        {
            return;
        }

        foreach (var (rules, ingress) in new[] { (p.IngressRules, true), (p.EgressRules, false) })
        {
            if (!rules.IsEmpty && p.Subject.Members().All(pod => ingress ? engine.IsIngressIsolated(pod) : engine.IsEgressIsolated(pod)))
            {
                var dir = ingress ? "ingress" : "egress";
                findings.Add(Make("tier-rule-shadowed", Severity.Warning, p, $"spec.{dir}",
                    $"the {dir} rules never apply: every subject pod is selected by a NetworkPolicy for {dir}, and the Baseline tier only judges pods no NetworkPolicy selects in that direction.",
                    "Move the rules to the Admin tier if they must hold, or drop them"));
            }
        }
    }

    private static void Ties(ClusterPolicyStage stage, List<Finding> findings)
    {
        foreach (var group in stage.Policies.Where(p => p.Source.Priority is not null && p.Source.Kind != ClusterPolicyKind.BaselineAdminNetworkPolicy)
            .GroupBy(p => p.Source.Priority!.Value).Where(g => g.Count() > 1))
        {
            var list = group.ToList();
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count; b++)
                {
                    var overlap = list[a].Subject.Clone();
                    overlap.IntersectWith(list[b].Subject);
                    if (overlap.IsEmpty)
                    {
                        continue;
                    }

                    findings.Add(Make("tier-priority-tie", Severity.Warning, list[b], "spec.priority",
                        $"{list[a].Source.DisplayName} and {list[b].Source.DisplayName} share priority {group.Key} in the {stage.Tier} and both select {overlap.Count} pod(s): "
                        + "where both match a connection, which one applies is implementation-defined (answers here follow name order and say so).",
                        "Give the policies distinct priorities"));
                }
            }
        }
    }

    /// <summary>
    /// A NetworkPolicy rule none of whose peers ever reaches NetworkPolicy for any pod it selects, because portless
    /// Admin rules (Accept or Deny) decide them first.
    /// </summary>
    private static void NetworkPolicyRulesShadowedByAdmin(PolicyEngine engine, ClusterPolicyStage admin, List<Finding> findings)
    {
        var context = new StageContext(engine.Index, ReachProbe.Tcp(1), r => r.Ports is null ? PortMatch.All : PortMatch.None);
        for (var i = 0; i < engine.PolicySlots; i++)
        {
            if (engine.PolicySlot(i) is not { } np)
            {
                continue;
            }

            foreach (var (rules, ingress) in new[] { (np.IngressRules, true), (np.EgressRules, false) })
            {
                if (!(ingress ? np.AffectsIngress : np.AffectsEgress))
                {
                    continue;
                }

                var selected = np.Selected.Members().Where(p => !engine.Index.HostNetwork[p]).ToList();
                if (selected.Count == 0 || selected.Any(p => !admin.Selects(p, ingress)))
                {
                    continue;
                }

                foreach (var r in rules)
                {
                    if (r.AllPods.IsEmpty || r.MatchesAllPeers)
                    {
                        continue;
                    }

                    var shadowed = selected.All(p =>
                    {
                        var peers = admin.Peers(context, p, ingress);
                        var rest = r.AllPods.Clone();
                        rest.ExceptWith(peers.Allow);
                        rest.ExceptWith(peers.Deny);
                        return rest.IsEmpty;
                    });
                    if (shadowed)
                    {
                        var dir = ingress ? "ingress" : "egress";
                        findings.Add(new Finding
                        {
                            Area = FindingArea.Policy,
                            Code = "tier-rule-shadowed",
                            Severity = Severity.Warning,
                            Subject = $"NetworkPolicy {np.Key}",
                            Field = $"spec.{dir}[{r.Index}]",
                            Message = $"{dir}[{r.Index}] never decides anything: for every pod the policy selects, the Admin tier accepts or denies all the peers it names on every port before NetworkPolicy is consulted.",
                            Fixes = [new FindingFix { Title = "Change the Admin tier rule to Pass for these peers if the namespace owners should decide, or drop this rule", Target = $"NetworkPolicy {np.Key}" }],
                        });
                    }
                }
            }
        }
    }
}
