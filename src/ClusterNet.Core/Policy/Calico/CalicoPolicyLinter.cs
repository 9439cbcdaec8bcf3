using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Lint for Calico policies: selectors that can never match (a contradiction such as <c>a == 'x' &amp;&amp; a == 'y'</c>,
/// global() where only pods are judged), policy selectors that pick no pod of the snapshot (naming the labels no pod
/// carries), and rules that can never be reached because an earlier rule of the policy matches everything.
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
            LintSelector(p, p.Selector, "spec.selector", podsOnly: true, findings);
            LintSelector(p, p.NamespaceSelector, "spec.namespaceSelector", podsOnly: false, findings);
            foreach (var (rules, dir) in new[] { (p.Ingress, "ingress"), (p.Egress, "egress") })
            {
                for (var i = 0; i < rules.Length; i++)
                {
                    foreach (var (entity, side) in new[] { (rules[i].Source, "source"), (rules[i].Destination, "destination") })
                    {
                        LintSelector(p, entity.Selector, $"spec.{dir}[{i}].{side}.selector", podsOnly: false, findings);
                        LintSelector(p, entity.NamespaceSelector, $"spec.{dir}[{i}].{side}.namespaceSelector", podsOnly: false, findings);
                    }
                }

                LintUnreachable(p, rules, dir, findings);
            }

            LintNoPod(p, endpoints, podLabelKeys, findings);
        }
    }

    private static void LintSelector(CalicoPolicyInfo p, string? text, string field, bool podsOnly, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(text) || CalicoSelectorParser.TryParse(text, out _) is not { } selector)
        {
            return;
        }

        if (CalicoSelectorSatisfiability.Contradiction(selector, podsOnly) is { } why)
        {
            findings.Add(Make("calico-selector-never-matches", Severity.Warning, p, field,
                $"{field} \"{text}\" can never match: {why}. The {(field == "spec.selector" ? "policy applies to nothing" : "rule never matches")}.",
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

            findings.Add(Make("calico-rule-unreachable", Severity.Warning, p, $"spec.{dir}[{i + 1}]",
                $"{p.DisplayName} {dir}[{i}] ({r.Action}) matches every connection, so {dir}[{i + 1}..{rules.Length - 1}] can never be reached.",
                [.. Enumerable.Range(i + 1, rules.Length - i - 1).Select(j => $"{dir}[{j}] {rules[j].Action}")]));
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
