using System.Collections.Immutable;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Policy;

/// <summary>Finds NetworkPolicy mistakes that silently change reachability, each with the object and a fix.</summary>
public static class PolicyLinter
{
    public static ImmutableArray<Finding> Lint(PolicyEngine engine)
    {
        var findings = new List<Finding>();
        LintEnforcement(engine, findings);
        var podNetworks = PodNetworks(engine.Snapshot);
        foreach (var i in engine.SlotsInKeyOrder)
        {
            LintPolicy(engine, engine.PolicyAt(i), podNetworks, findings);
        }

        foreach (var rules in RulesByNamespace(engine).Values)
        {
            LintRedundantRules(rules, findings);
        }

        LintClusterWide(engine, findings);
        return [.. findings];
    }

    // The parts below are what PolicyLintCache composes: the same calls in the same order, so the cached lint equals this one.

    /// <summary>The pod networks ipBlocks are judged against (node podCIDRs, IP pools, flannel's network).</summary>
    internal static List<CidrRange> PodNetworks(Model.ClusterSnapshot snapshot) =>
        ClusterFacts.Of(snapshot).PodNetworks.Select(c => CidrRange.TryParse(c, out var r) ? r : null).OfType<CidrRange>().ToList();

    /// <summary>Checks that read the whole cluster (DNS egress of every isolated pod, the tiers, Calico), after the per-policy ones.</summary>
    internal static void LintClusterWide(PolicyEngine engine, List<Finding> findings)
    {
        LintDns(engine, findings);
        Chain.ClusterPolicyLinter.Lint(engine, findings);
        Calico.CalicoPolicyLinter.Lint(engine.Snapshot, findings);
    }

    /// <summary>The cluster-level finding first: policies exist but the CNI enforces none.</summary>
    internal static void LintEnforcement(PolicyEngine engine, List<Finding> findings)
    {
        var snapshot = engine.Snapshot;
        var enforcement = ClusterFacts.Of(snapshot).Enforcement;
        if (enforcement.PoliciesIgnored(snapshot))
        {
            findings.Add(new Finding
            {
                Area = FindingArea.Policy,
                Code = "cni-enforces-no-policy",
                Severity = Severity.Error,
                Subject = "cluster",
                Message = $"{snapshot.NetworkPolicies.Count} NetworkPolicies exist but the CNI is flannel alone ({string.Join(", ", enforcement.Signals)}): flannel does not enforce NetworkPolicy, so every connection is allowed regardless of what follows.",
                Fixes = [new FindingFix
                {
                    Title = "Install a policy engine alongside flannel (canal: flannel for the data path, Calico Felix for policy) or move to Calico/Cilium",
                    Command = "kubectl apply -f https://raw.githubusercontent.com/projectcalico/calico/v3.27.0/manifests/canal.yaml",
                }],
            });
        }
    }

    /// <summary>Findings about one policy on its own: what it selects, its peers, its named ports.</summary>
    internal static void LintPolicy(PolicyEngine engine, CompiledPolicy p, IReadOnlyList<CidrRange> podNetworks, List<Finding> findings)
    {
        var index = engine.Index;
        var obj = $"NetworkPolicy {p.Key}";
        var selected = p.Selected.Members().Where(i => !index.HostNetwork[i]).ToList();
        if (selected.Count == 0)
        {
            findings.Add(new Finding
            {
                Area = FindingArea.Policy,
                Code = "selects-no-pod",
                Severity = Severity.Warning,
                Subject = obj,
                Field = "spec.podSelector",
                Message = $"spec.podSelector {p.PodSelector.Text} selects no pod in namespace {p.Key.Namespace}: the policy has no effect.",
                Fixes = [new FindingFix
                {
                    Title = "Fix spec.podSelector or the pod labels",
                    Target = obj,
                    Command = $"kubectl get pods -n {p.Key.Namespace} --show-labels" +
                      (p.PodSelector.IsEmpty ? "" : $"\nkubectl get pods -n {p.Key.Namespace} -l '{p.PodSelector.Text.Replace(" In (", " in (").Replace(" NotIn (", " notin (")}'"),
                }],
            });
        }

        foreach (var (rules, dir) in new[] { (p.IngressRules, "ingress"), (p.EgressRules, "egress") })
        {
            foreach (var r in rules)
            {
                var peerField = dir == "ingress" ? "from" : "to";
                if (r.Peers is { } peers)
                {
                    for (var k = 0; k < peers.Length; k++)
                    {
                        LintPeer(engine, p, peers[k], $"spec.{dir}[{r.Index}].{peerField}[{k}]", podNetworks, findings);
                    }
                }

                if (r.Ports is { } ports)
                {
                    for (var k = 0; k < ports.Length; k++)
                    {
                        var port = ports[k];
                        if (port.Name is null)
                        {
                            continue;
                        }

                        // Ingress named ports resolve on the selected pods; egress ones on the destinations the rule allows.
                        var candidates = dir == "ingress" ? p.Selected : r.AllPods;
                        var defined = port.Name.Length > 0
                            ? candidates.Overlaps(index.PodsNamingPort(port.Name, port.Protocol))
                            : candidates.Members().Any(pod => index.ResolveNamedPort(pod, port.Name, port.Protocol).Any());
                        if (!defined)
                        {
                            findings.Add(new Finding
                            {
                                Area = FindingArea.Policy,
                                Code = "named-port-undefined",
                                Severity = Severity.Warning,
                                Subject = obj,
                                Field = $"spec.{dir}[{r.Index}].ports[{k}].port",
                                Message = $"named port {port.Name} ({port.Protocol}) is not defined on any {(dir == "ingress" ? "pod the policy selects" : "destination pod the rule allows")}: this entry matches nothing.",
                                Fixes = [new FindingFix
                                {
                                    Title = "Name the container port in the pod template, or use the number (port: <number>)",
                                    Patch = $"ports:\n- name: {port.Name}\n  containerPort: <number>\n  protocol: {port.Protocol}",
                                }],
                            });
                        }
                    }
                }
            }
        }
    }

    private static void LintPeer(PolicyEngine engine, CompiledPolicy p, CompiledPeer peer, string field, IReadOnlyList<CidrRange> podNetworks, List<Finding> findings)
    {
        var obj = $"NetworkPolicy {p.Key}";
        if (peer.Error is not null)
        {
            findings.Add(new Finding
            {
                Area = FindingArea.Policy,
                Code = "invalid-peer",
                Severity = Severity.Error,
                Subject = obj,
                Field = field,
                Message = peer.Error,
                Fixes = [new FindingFix { Title = "Correct the peer; the API server rejects it as written.", Target = obj }],
            });
            return;
        }

        if (peer.IsIpBlock)
        {
            var overlap = podNetworks.FirstOrDefault(n => n.Overlaps(peer.Cidr!))?.ToString();
            if (overlap is null && podNetworks.Count == 0)
            {
                // No podCIDR/IPPool/flannel config in the snapshot: judge by the pod IPs we can see.
                var index = engine.Index;
                var hit = engine.Compiler.IpBlockPods(peer).Members().FirstOrDefault(i => !index.HostNetwork[i], -1);
                overlap = hit < 0 ? null : $"(it contains pod IP {string.Join(", ", index.PodAddresses[hit].Select(a => a.ToString()))} of {index.PodKeys[hit]})";
            }

            if (overlap is not null)
            {
                findings.Add(new Finding
                {
                    Area = FindingArea.Policy,
                    Code = "ipblock-overlaps-pod-network",
                    Severity = Severity.Warning,
                    Subject = obj,
                    Field = $"{field}.ipBlock",
                    Message = $"ipBlock {peer.Cidr} overlaps the pod network {overlap}: ipBlock is meant for cluster-external IPs; whether plugins match pod IPs with it is implementation-defined, and pod IPs change on every restart.",
                    Fixes = [new FindingFix
                    {
                        Title = "Select pods by label instead",
                        Target = obj,
                        Patch = "- namespaceSelector:\n    matchLabels:\n      kubernetes.io/metadata.name: <namespace>\n  podSelector:\n    matchLabels:\n      app: <app>",
                    }],
                });
            }

            return;
        }

        var compiler = engine.Compiler;
        if (peer.NamespaceSelector is { } nsSel)
        {
            var nss = compiler.NamespacesMatching(nsSel);
            if (!nss.Any(x => x))
            {
                findings.Add(new Finding
                {
                    Area = FindingArea.Policy,
                    Code = "selector-matches-nothing",
                    Severity = Severity.Warning,
                    Subject = obj,
                    Field = $"{field}.namespaceSelector",
                    Message = $"namespaceSelector {nsSel.Text} matches no namespace.",
                    Fixes = [new FindingFix
                    {
                        Title = "Label the namespace the rule means",
                        Command = $"kubectl get namespaces --show-labels\nkubectl label namespace <name> {FirstLabel(nsSel)}",
                    }],
                });
                return;
            }
        }

        if (peer.PodSelector is { } podSel && !MatchesAnyPod(engine, p, peer))
        {
            var scope = peer.NamespaceSelector is null ? $"namespace {p.Key.Namespace}" : "the selected namespaces";
            findings.Add(new Finding
            {
                Area = FindingArea.Policy,
                Code = "selector-matches-nothing",
                Severity = Severity.Warning,
                Subject = obj,
                Field = $"{field}.podSelector",
                Message = $"podSelector {podSel.Text} matches no pod in {scope}.",
                Fixes = [peer.NamespaceSelector is null
                    ? new FindingFix
                    {
                        Title = "A podSelector alone only looks in the policy's namespace; add a namespaceSelector for other namespaces, or fix the labels",
                        Command = $"kubectl get pods -n {p.Key.Namespace} --show-labels",
                    }
                    : new FindingFix { Title = "Fix the podSelector or the pod labels", Command = "kubectl get pods -A --show-labels" }],
            });
        }
    }

    private static bool MatchesAnyPod(PolicyEngine engine, CompiledPolicy p, CompiledPeer peer)
    {
        var compiler = engine.Compiler;
        var podSel = peer.PodSelector!;
        if (peer.NamespaceSelector is null)
        {
            return engine.Index.NamespaceIndexOf.TryGetValue(p.Key.Namespace, out var n) && !compiler.PodsMatching(podSel, n).IsEmpty;
        }

        var nss = compiler.NamespacesMatching(peer.NamespaceSelector);
        return nss.Select((m, n) => m && !compiler.PodsMatching(podSel, n).IsEmpty).Any(x => x);
    }

    private static string FirstLabel(CompiledSelector s) => s.Text == "{}" ? "<key>=<value>" : s.Text.Split(',')[0];

    /// <summary>The rules of each namespace's policies in the directions they affect, namespaces and policies in key order.</summary>
    internal static Dictionary<string, List<(CompiledPolicy Policy, CompiledRule Rule)>> RulesByNamespace(PolicyEngine engine)
    {
        var byNs = new Dictionary<string, List<(CompiledPolicy Policy, CompiledRule Rule)>>(StringComparer.Ordinal);
        foreach (var i in engine.SlotsInKeyOrder)
        {
            var p = engine.PolicyAt(i);
            foreach (var r in (p.AffectsIngress ? p.IngressRules : []).Concat(p.AffectsEgress ? p.EgressRules : []))
            {
                if (!byNs.TryGetValue(p.Key.Namespace, out var l))
                {
                    byNs[p.Key.Namespace] = l = [];
                }

                l.Add((p, r));
            }
        }

        return byNs;
    }

    /// <summary>Rules of one namespace that admit nothing another rule (same direction, same or wider selected pods) doesn't already admit.</summary>
    internal static void LintRedundantRules(List<(CompiledPolicy Policy, CompiledRule Rule)> list, List<Finding> findings)
    {
        var reported = new HashSet<CompiledRule>();
        for (var a = 0; a < list.Count; a++)
        {
            for (var b = 0; b < list.Count; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var (pa, ra) = list[a];
                var (pb, rb) = list[b];
                if (ra.Ingress != rb.Ingress || ra.AllPods.IsEmpty || reported.Contains(ra) || pa.Selected.IsEmpty)
                {
                    continue;
                }

                if (!IsSubset(pa.Selected, pb.Selected) || !IsSubset(ra.AllPods, rb.AllPods) || !PortsCovered(ra, rb) || !ExternalCovered(ra, rb))
                {
                    continue;
                }

                var same = pa.Selected.SetEquals(pb.Selected) && ra.AllPods.SetEquals(rb.AllPods) && PortsCovered(rb, ra) && ExternalCovered(rb, ra);
                if (same && a > b)
                {
                    continue; // report a duplicate pair once, on the first rule
                }

                var dir = ra.Ingress ? "ingress" : "egress";
                var other = $"{(pb.Key == pa.Key ? "" : pb.Key + " ")}{dir}[{rb.Index}]";
                reported.Add(ra);
                findings.Add(new Finding
                {
                    Area = FindingArea.Policy,
                    Code = same ? "duplicate-rule" : "shadowed-rule",
                    Severity = Severity.Info,
                    Subject = $"NetworkPolicy {pa.Key}",
                    Field = $"spec.{dir}[{ra.Index}]",
                    Message = same
                        ? $"{dir}[{ra.Index}] admits exactly what {other} admits for the same pods (with the pods and labels that exist now)."
                        : $"{dir}[{ra.Index}] admits nothing that {other} does not already admit for these pods (with the pods and labels that exist now).",
                    Fixes = [new FindingFix { Title = $"Remove spec.{dir}[{ra.Index}] from {pa.Key}, or narrow {other} if it is wider than intended.", Target = $"NetworkPolicy {pa.Key}" }],
                });
            }
        }
    }

    private static bool IsSubset(PodSet a, PodSet b)
    {
        var x = a.Words;
        var y = b.Words;
        for (var i = 0; i < x.Length; i++)
        {
            if ((x[i] & ~y[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool PortsCovered(CompiledRule inner, CompiledRule outer)
    {
        if (outer.Ports is null)
        {
            return true;
        }

        if (inner.Ports is null)
        {
            return false;
        }

        return inner.Ports.Value.All(ip => outer.Ports.Value.Any(op =>
            op.Protocol == ip.Protocol && (op.IsAllPorts || (ip.Name is not null ? op.Name == ip.Name
                : ip.Number is { } n && op.Number is { } m && n >= m && (ip.EndPort ?? n) <= (op.EndPort ?? m)))));
    }

    /// <summary>External addresses admitted by inner's ipBlocks must be admitted by outer too (pod sets miss them).</summary>
    private static bool ExternalCovered(CompiledRule inner, CompiledRule outer)
    {
        if (outer.Peers is null)
        {
            return true;
        }

        if (inner.Peers is null)
        {
            return false;
        }

        return inner.Peers.Value.Where(p => p.IsIpBlock && p.Cidr is not null).All(ip =>
            outer.Peers.Value.Any(op => op.Cidr is not null && op.Except.IsEmpty && op.Cidr.PrefixLength <= ip.Cidr!.PrefixLength && op.Cidr.Overlaps(ip.Cidr)));
    }

    /// <summary>
    /// Pods isolated for egress must reach the cluster DNS on 53/UDP and 53/TCP, and with NodeLocal DNSCache also its
    /// hostNetwork address (169.254.20.10 by default), which a rule to the kube-dns pods does not cover.
    /// </summary>
    private static void LintDns(PolicyEngine engine, List<Finding> findings)
    {
        var index = engine.Index;
        var dnsPods = Enumerable.Range(0, index.PodCount)
            .Where(i => index.Pods[i].Labels.TryGetValue("k8s-app", out var v) && v == "kube-dns")
            .ToList();
        var dns = ClusterFacts.Of(engine.Snapshot).Dns;
        var nodeLocal = dns.NodeLocalAddress;
        // With NodeLocal DNSCache in kube-proxy iptables mode pods keep the kube-dns Service IP, which the cache answers
        // on each node without DNAT: egress must admit every address pods use, not only the cache's link-local one.
        ImmutableArray<string> localAddresses = nodeLocal is null ? [] : dns.DnsEgressAddresses;
        var groups = new Dictionary<string, (List<int> Pods, List<string> Problems)>(StringComparer.Ordinal);
        // Without tier stages a pod's egress answer depends only on the policies selecting it (peers and named ports
        // resolve on the destination), so pods with the same egress policies share one evaluation.
        var byPolicies = engine.HasTiers ? null : new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var s = 0; s < index.PodCount; s++)
        {
            if (!engine.IsEgressIsolated(s) || dnsPods.Contains(s))
            {
                continue;
            }

            var policies = string.Join(",", engine.EgressPoliciesOf(s));
            if (byPolicies is null || !byPolicies.TryGetValue(policies, out var problems))
            {
                problems = DnsProblems(engine, s, dnsPods, localAddresses);
                byPolicies?.Add(policies, problems);
            }

            if (problems.Count == 0)
            {
                continue;
            }

            var key = policies + "|" + string.Join(";", problems);
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = g = ([], problems);
            }

            g.Pods.Add(s);
        }

        foreach (var (key, (pods, problems)) in groups)
        {
            var first = index.PodKeys[pods[0]];
            var policies = engine.EgressPoliciesOf(pods[0]).Select(i => engine.PolicyAt(i).Key).ToList();
            findings.Add(new Finding
            {
                Area = FindingArea.Policy,
                Code = "egress-blocks-dns",
                Severity = Severity.Error,
                Subject = string.Join(", ", policies.Select(k => $"NetworkPolicy {k}")),
                Field = "spec.egress",
                Message = $"Egress isolation blocks DNS for {pods.Count} pod(s) ({string.Join(", ", pods.Take(5).Select(i => index.PodKeys[i]))}{(pods.Count > 5 ? ", …" : "")}): {string.Join("; ", problems.Distinct())}. Name lookups will time out.",
                Fixes = [new FindingFix
                {
                    Title = $"Allow DNS egress for the namespace's pods{(nodeLocal is null ? "" : ", NodeLocal DNSCache included")}",
                    Target = $"NetworkPolicy {first.Namespace}/allow-dns",
                    Patch = DnsFix(first.Namespace, localAddresses),
                }],
                Affected = [.. pods.Select(i => index.PodKeys[i].ToString())],
                Impact = pods.Count,
            });
        }
    }

    /// <summary>Why pod <paramref name="s"/> (isolated for egress) cannot reach the cluster DNS, per probe; empty when it can.</summary>
    private static List<string> DnsProblems(PolicyEngine engine, int s, List<int> dnsPods, ImmutableArray<string> localAddresses)
    {
        var index = engine.Index;
        var problems = new List<string>();
        var from = ReachEndpoint.OfPod(index.PodKeys[s]);
        foreach (var probe in new[] { new ReachProbe(53, "UDP"), new ReachProbe(53, "TCP") })
        {
            if (dnsPods.Count > 0)
            {
                if (!dnsPods.Any(d => engine.Explain(from, ReachEndpoint.OfPod(index.PodKeys[d]), probe).Egress.Allows))
                {
                    problems.Add($"no egress rule admits the kube-dns pods on {probe}");
                }
            }
            else if (!AnyEgressRuleAdmitsPort(engine, s, probe))
            {
                problems.Add($"no egress rule admits port {probe} to any destination");
            }

            foreach (var address in localAddresses.Where(a => !engine.Explain(from, ReachEndpoint.External(a), probe).Egress.Allows))
            {
                problems.Add($"NodeLocal DNSCache answers pods on {address} (hostNetwork) and no egress rule admits it on {probe}");
            }
        }

        return problems;
    }

    private static bool AnyEgressRuleAdmitsPort(PolicyEngine engine, int s, ReachProbe probe) =>
        engine.EgressPoliciesOf(s).Any(pi => engine.PolicyAt(pi).EgressRules.Any(r =>
            PortMatch.Of(r, engine.Index, probe).Kind != PortMatchKind.None && (r.Peers is null || r.Peers.Value.Any(p => p.IsIpBlock) || !r.AllPods.IsEmpty)));

    private static string DnsFix(string ns, IReadOnlyList<string> nodeLocalAddresses) =>
        $$"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-dns
          namespace: {{ns}}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: kube-system
              podSelector:
                matchLabels:
                  k8s-app: kube-dns
        """ + string.Concat(nodeLocalAddresses.Select(a => $"\n    - ipBlock:\n        cidr: {a}/32   # NodeLocal DNSCache (hostNetwork)")) + """

            ports:
            - port: 53
              protocol: UDP
            - port: 53
              protocol: TCP
        """;

}
