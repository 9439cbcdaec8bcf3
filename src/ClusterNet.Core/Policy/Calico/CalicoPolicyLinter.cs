using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Lint for Calico policies: selectors that can never match (a contradiction such as <c>a == 'x' &amp;&amp; a == 'y'</c>,
/// global() where only pods are judged), policy selectors that pick no pod of the snapshot (naming the labels no pod
/// carries), rules that can never be reached because an earlier rule of the policy matches everything, network sets
/// whose nets hold pod IPs, and fields that are not modelled (rule http/services/domains, a set's allowedEgressDomains). Rules are worded as the explanation words them: "ingress rule 2 `Deny`", 1-based; the
/// finding's field keeps the manifest path (spec.ingress[1]).
/// </summary>
public static class CalicoPolicyLinter
{
    public static void Lint(ClusterSnapshot snapshot, List<Finding> findings)
    {
        var policies = snapshot.CalicoGlobalNetworkPolicies.Concat(snapshot.CalicoNetworkPolicies).ToList();
        if (policies.Count == 0)
        {
            return;
        }

        var namespaces = snapshot.Namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var endpoints = snapshot.Pods.Where(p => !p.HostNetwork).Select(p => CalicoEndpoint.OfPod(p, snapshot, namespaces)).ToList();
        var podLabelKeys = endpoints.SelectMany(e => e.Labels.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var p in policies)
        {
            LintSelector(p, p.Selector, "spec.selector", "spec.selector", podsOnly: true, findings);
            LintSelector(p, p.NamespaceSelector, "spec.namespaceSelector", "spec.namespaceSelector", podsOnly: false, findings);
            foreach (var (rules, dir) in new[] { (p.Ingress, "ingress"), (p.Egress, "egress") })
            {
                for (var i = 0; i < rules.Length; i++)
                {
                    foreach (var (entity, side) in new[] { (rules[i].Source, "source"), (rules[i].Destination, "destination") })
                    {
                        var rule = RuleName(dir, i, rules[i]);
                        LintSelector(p, entity.Selector, $"spec.{dir}[{i}].{side}.selector", $"{rule} {side} selector", podsOnly: false, findings);
                        LintSelector(p, entity.NamespaceSelector, $"spec.{dir}[{i}].{side}.namespaceSelector", $"{rule} {side} namespaceSelector", podsOnly: false, findings);
                    }
                }

                LintUnreachable(p, rules, dir, findings);
                LintNotModelled(p, rules, dir, findings);
            }

            if (CalicoPolicyCompiler.HostEndpointOnlyFeatures(p).ToList() is { Count: > 0 } hostOnly)
            {
                findings.Add(Make("calico-host-endpoint-policy", Severity.Notice, p, "spec." + hostOnly[0],
                    $"{p.DisplayName} sets {string.Join(" and ", hostOnly)}: Calico applies it at host endpoints only, never to pods. Host endpoints are not modelled, so it is left out of every verdict.",
                    [$"{p.DisplayName}: {string.Join(", ", p.HostEndpointFeatures)}"]));
                continue;
            }

            LintNoPod(p, endpoints, podLabelKeys, findings);
        }

        LintSetsHoldingPods(snapshot, endpoints, findings);
        LintSetDomains(snapshot, findings);
    }

    /// <summary>Rule fields the engine does not evaluate (http, services, domains): named with their field, never silently dropped.</summary>
    private static void LintNotModelled(CalicoPolicyInfo p, ImmutableArray<CalicoRuleInfo> rules, string dir, List<Finding> findings)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            var fields = rules[i].Unmodelled.Concat(rules[i].Source.Unmodelled.Select(u => "source." + u))
                .Concat(rules[i].Destination.Unmodelled.Select(u => "destination." + u)).ToList();
            if (fields.Count == 0)
            {
                continue;
            }

            var rule = RuleName(dir, i, rules[i]);
            findings.Add(Make("calico-field-not-modelled", Severity.Notice, p, $"spec.{dir}[{i}].{fields[0]}",
                $"{p.DisplayName} {rule} uses {string.Join(" and ", fields)}, which ClusterNet does not model (Calico Enterprise or application layer): "
                + "the rule is evaluated without them, so its verdicts may differ from Calico's and carry a caveat.",
                [.. fields.Select(f => $"{p.DisplayName} spec.{dir}[{i}].{f}")]));
        }
    }

    /// <summary>allowedEgressDomains (Calico Enterprise) on a network set: rules that pick the set match its nets only here.</summary>
    private static void LintSetDomains(ClusterSnapshot snapshot, List<Finding> findings)
    {
        foreach (var set in snapshot.CalicoGlobalNetworkSets.Concat(snapshot.CalicoNetworkSets).Where(s => !s.AllowedEgressDomains.IsDefaultOrEmpty))
        {
            findings.Add(new Finding
            {
                Area = FindingArea.Policy,
                Code = "calico-field-not-modelled",
                Severity = Severity.Notice,
                Subject = set.DisplayName,
                Field = "spec.allowedEgressDomains",
                Message = $"{set.DisplayName} spec.allowedEgressDomains ({string.Join(", ", set.AllowedEgressDomains)}) is Calico Enterprise and not modelled: egress rules that pick the set "
                    + "match its nets only here, while Calico also matches the addresses those names resolve to; verdicts for external addresses say so.",
                Evidence = [.. set.AllowedEgressDomains.Select(d => $"{set.DisplayName} allowedEgressDomains: {d}")],
            });
        }
    }

    /// <summary>"ingress rule 2 `Deny`": the explanation's wording, 1-based.</summary>
    private static string RuleName(string dir, int index, CalicoRuleInfo rule) => $"{dir} rule {index + 1} `{rule.Action}`";

    /// <summary>
    /// Calico matches by IP set, so a network set whose net holds pod IPs makes those pods match every rule selector that
    /// picks the set, whatever their labels. ClusterNet models that (the explanation names the set); the notice informs,
    /// since a set is meant for addresses outside the cluster and such matches are easy to miss when reading a policy.
    /// </summary>
    private static void LintSetsHoldingPods(ClusterSnapshot snapshot, List<CalicoEndpoint> endpoints, List<Finding> findings)
    {
        foreach (var set in snapshot.CalicoGlobalNetworkSets.Concat(snapshot.CalicoNetworkSets))
        {
            for (var i = 0; i < set.Nets.Length; i++)
            {
                if (!CalicoNet.TryParse(set.Nets[i], out var net))
                {
                    continue;
                }

                var pods = endpoints.Where(e => e.Address is { } a && net.Contains(a)).ToList();
                if (pods.Count == 0)
                {
                    continue;
                }

                findings.Add(new Finding
                {
                    Area = FindingArea.Policy,
                    Code = "calico-networkset-holds-pods",
                    Severity = Severity.Notice,
                    Subject = set.DisplayName,
                    Field = $"spec.nets[{i}]",
                    Message = $"{set.DisplayName} net {set.Nets[i]} holds the IPs of {pods.Count} pod{(pods.Count == 1 ? "" : "s")}: Calico matches them through the set wherever a rule selector picks it, "
                        + "whatever their labels (the verdicts here include that, and explanations name the set). Network sets are meant for addresses outside the cluster.",
                    Evidence = [.. pods.Take(5).Select(e => $"{e} {e.Address}")],
                });
            }
        }
    }

    private static void LintSelector(CalicoPolicyInfo p, string? text, string field, string what, bool podsOnly, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(text) || CalicoSelectorParser.TryParse(text, out _) is not { } selector)
        {
            return;
        }

        if (CalicoSelectorSatisfiability.Contradiction(selector, podsOnly) is { } why)
        {
            findings.Add(Make("calico-selector-never-matches", Severity.Warning, p, field,
                $"{what} \"{text}\" can never match: {why}. The {(field == "spec.selector" ? "policy applies to nothing" : "rule never matches")}.",
                [$"{p.DisplayName} {field}: {text}"]));
        }
    }

    private static void LintNoPod(CalicoPolicyInfo p, List<CalicoEndpoint> endpoints, HashSet<string> podLabelKeys, List<Finding> findings)
    {
        if (CalicoSelectorParser.TryParse(p.Selector, out _) is not { } selector
            || CalicoSelectorSatisfiability.Contradiction(selector, podsOnly: true) is not null
            || endpoints.Count == 0)
        {
            return;
        }

        var compiled = CalicoPolicyCompiler.Compile(p);
        if (endpoints.Any(compiled.AppliesTo))
        {
            return;
        }

        var missing = RequiredKeys(selector).Where(k => !podLabelKeys.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        var why = missing.Count > 0 ? $"no pod carries the label{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}" : "no pod matches it";
        findings.Add(Make("calico-selector-no-pod", Severity.Notice, p, "spec.selector",
            $"{p.DisplayName} applies to no pod of this snapshot: {why}.", [$"selector: {p.Selector}"]));
    }

    /// <summary>Label keys the selector needs present in every match (has, ==, in, the text operators under &amp;&amp;).</summary>
    private static IEnumerable<string> RequiredKeys(CalicoSelector s) => s switch
    {
        CalicoSelector.HasNode h => [h.Key],
        CalicoSelector.EqualsNode e => [e.Key],
        CalicoSelector.InNode i => [i.Key],
        CalicoSelector.TextNode t => [t.Key],
        CalicoSelector.AndNode a => RequiredKeys(a.Left).Concat(RequiredKeys(a.Right)),
        _ => [],
    };

    private static void LintUnreachable(CalicoPolicyInfo p, ImmutableArray<CalicoRuleInfo> rules, string dir, List<Finding> findings)
    {
        for (var i = 0; i < rules.Length - 1; i++)
        {
            var r = rules[i];
            if (r.Action == CalicoRuleAction.Log || r.Protocol is not null || r.NotProtocol is not null || !IsAny(r.Source) || !IsAny(r.Destination))
            {
                continue;
            }

            var later = i + 2 == rules.Length ? $"{dir} rule {i + 2}" : $"{dir} rules {i + 2}–{rules.Length}";
            findings.Add(Make("calico-rule-unreachable", Severity.Warning, p, $"spec.{dir}[{i + 1}]",
                $"{p.DisplayName} {RuleName(dir, i, r)} matches every connection, so {later} can never be reached.",
                [.. Enumerable.Range(i + 1, rules.Length - i - 1).Select(j => RuleName(dir, j, rules[j]))]));
            return;
        }
    }

    private static bool IsAny(CalicoEntityRuleInfo e) => e.IsAnyPeer && e.Ports.IsDefaultOrEmpty && e.NotPorts.IsDefaultOrEmpty && e.Unmodelled.IsDefaultOrEmpty;

    private static Finding Make(string code, Severity severity, CalicoPolicyInfo p, string field, string message, ImmutableArray<string> evidence) => new()
    {
        Area = FindingArea.Policy,
        Code = code,
        Severity = severity,
        Subject = p.DisplayName,
        Field = field,
        Message = message,
        Evidence = evidence,
    };
}
