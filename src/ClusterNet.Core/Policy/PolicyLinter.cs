using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>Finds NetworkPolicy mistakes that silently change reachability, each with the object and a fix.</summary>
public static partial class PolicyLinter
{
    public const string DefaultNodeLocalDnsAddress = "169.254.20.10";

    public static ImmutableArray<LintFinding> Lint(PolicyEngine engine)
    {
        var findings = new List<LintFinding>();
        var snapshot = engine.Snapshot;
        var enforcement = PolicyEnforcement.Detect(snapshot);
        if (enforcement.PoliciesIgnored(snapshot))
        {
            findings.Add(new LintFinding
            {
                Code = "cni-enforces-no-policy",
                Severity = "error",
                Object = "cluster",
                Message = $"{snapshot.NetworkPolicies.Count} NetworkPolicies exist but the CNI is flannel alone ({string.Join(", ", enforcement.Signals)}): flannel does not enforce NetworkPolicy, so every connection is allowed regardless of what follows.",
                Fix = "Install a policy engine alongside flannel (canal: flannel for the data path, Calico Felix for policy) or move to Calico/Cilium, e.g.\n" +
                      "kubectl apply -f https://raw.githubusercontent.com/projectcalico/calico/v3.27.0/manifests/canal.yaml",
            });
        }

        var podNetworks = PodNetworks(snapshot);
        for (var i = 0; i < engine.PolicySlots; i++)
        {
            if (engine.PolicySlot(i) is not { } p)
            {
                continue;
            }

            LintPolicy(engine, p, podNetworks, findings);
        }

        LintRedundantRules(engine, findings);
        LintDns(engine, findings);
        return [.. findings];
    }

    private static void LintPolicy(PolicyEngine engine, CompiledPolicy p, IReadOnlyList<CidrRange> podNetworks, List<LintFinding> findings)
    {
        var index = engine.Index;
        var obj = $"NetworkPolicy {p.Key}";
        var selected = p.Selected.Members().Where(i => !index.HostNetwork[i]).ToList();
        if (selected.Count == 0)
        {
            findings.Add(new LintFinding
            {
                Code = "selects-no-pod",
                Severity = "warning",
                Object = obj,
                Field = "spec.podSelector",
                Message = $"spec.podSelector {p.PodSelector.Text} selects no pod in namespace {p.Key.Namespace}: the policy has no effect.",
                Fix = $"kubectl get pods -n {p.Key.Namespace} --show-labels   # then fix spec.podSelector or the pod labels" +
                      (p.PodSelector.IsEmpty ? "" : $"\nkubectl get pods -n {p.Key.Namespace} -l '{p.PodSelector.Text.Replace(" In (", " in (").Replace(" NotIn (", " notin (")}'"),
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
                        var defined = candidates.Members().Any(pod => index.ResolveNamedPort(pod, port.Name, port.Protocol).Any());
                        if (!defined)
                        {
                            findings.Add(new LintFinding
                            {
                                Code = "named-port-undefined",
                                Severity = "warning",
                                Object = obj,
                                Field = $"spec.{dir}[{r.Index}].ports[{k}].port",
                                Message = $"named port {port.Name} ({port.Protocol}) is not defined on any {(dir == "ingress" ? "pod the policy selects" : "destination pod the rule allows")}: this entry matches nothing.",
                                Fix = $"Name the container port in the pod template:\n  ports:\n  - name: {port.Name}\n    containerPort: <number>\n    protocol: {port.Protocol}\nor use the number: `port: <number>`.",
                            });
                        }
                    }
                }
            }
        }
    }

    private static void LintPeer(PolicyEngine engine, CompiledPolicy p, CompiledPeer peer, string field, IReadOnlyList<CidrRange> podNetworks, List<LintFinding> findings)
    {
        var obj = $"NetworkPolicy {p.Key}";
        if (peer.Error is not null)
        {
            findings.Add(new LintFinding { Code = "invalid-peer", Severity = "error", Object = obj, Field = field, Message = peer.Error, Fix = "Correct the peer; the API server rejects it as written." });
            return;
        }

        if (peer.IsIpBlock)
        {
            var overlap = podNetworks.FirstOrDefault(n => n.Overlaps(peer.Cidr!))?.ToString();
            if (overlap is null && podNetworks.Count == 0)
            {
                // No podCIDR/IPPool/flannel config in the snapshot: judge by the pod IPs we can see.
                var index = engine.Index;
                var hit = Enumerable.Range(0, index.PodCount).FirstOrDefault(i => !index.HostNetwork[i] && PeerEvaluator.IpBlockMatches(peer, index.PodAddresses[i], out _), -1);
                overlap = hit < 0 ? null : $"(it contains pod IP {string.Join(", ", index.PodAddresses[hit].Select(a => a.ToString()))} of {index.PodKeys[hit]})";
            }

            if (overlap is not null)
            {
                findings.Add(new LintFinding
                {
                    Code = "ipblock-overlaps-pod-network",
                    Severity = "warning",
                    Object = obj,
                    Field = $"{field}.ipBlock",
                    Message = $"ipBlock {peer.Cidr} overlaps the pod network {overlap}: ipBlock is meant for cluster-external IPs; whether plugins match pod IPs with it is implementation-defined, and pod IPs change on every restart.",
                    Fix = "Select pods by label instead:\n- namespaceSelector:\n    matchLabels:\n      kubernetes.io/metadata.name: <namespace>\n  podSelector:\n    matchLabels:\n      app: <app>",
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
                findings.Add(new LintFinding
                {
                    Code = "selector-matches-nothing",
                    Severity = "warning",
                    Object = obj,
                    Field = $"{field}.namespaceSelector",
                    Message = $"namespaceSelector {nsSel.Text} matches no namespace.",
                    Fix = $"kubectl get namespaces --show-labels   # label the namespace, e.g.\nkubectl label namespace <name> {FirstLabel(nsSel)}",
                });
                return;
            }
        }

        if (peer.PodSelector is { } podSel && !MatchesAnyPod(engine, p, peer))
        {
            var scope = peer.NamespaceSelector is null ? $"namespace {p.Key.Namespace}" : "the selected namespaces";
            findings.Add(new LintFinding
            {
                Code = "selector-matches-nothing",
                Severity = "warning",
                Object = obj,
                Field = $"{field}.podSelector",
                Message = $"podSelector {podSel.Text} matches no pod in {scope}.",
                Fix = peer.NamespaceSelector is null
                    ? $"kubectl get pods -n {p.Key.Namespace} --show-labels   # a podSelector alone only looks in the policy's namespace; add a namespaceSelector for other namespaces"
                    : "kubectl get pods -A --show-labels",
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

    /// <summary>Rules that admit nothing another rule (same direction, same or wider selected pods) doesn't already admit.</summary>
    private static void LintRedundantRules(PolicyEngine engine, List<LintFinding> findings)
    {
        var byNs = new Dictionary<string, List<(CompiledPolicy Policy, CompiledRule Rule)>>(StringComparer.Ordinal);
        for (var i = 0; i < engine.PolicySlots; i++)
        {
            if (engine.PolicySlot(i) is not { } p)
            {
                continue;
            }

            foreach (var r in (p.AffectsIngress ? p.IngressRules : []).Concat(p.AffectsEgress ? p.EgressRules : []))
            {
                if (!byNs.TryGetValue(p.Key.Namespace, out var l))
                {
                    byNs[p.Key.Namespace] = l = [];
                }

                l.Add((p, r));
            }
        }

        foreach (var list in byNs.Values)
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
                    findings.Add(new LintFinding
                    {
                        Code = same ? "duplicate-rule" : "shadowed-rule",
                        Severity = "info",
                        Object = $"NetworkPolicy {pa.Key}",
                        Field = $"spec.{dir}[{ra.Index}]",
                        Message = same
                            ? $"{dir}[{ra.Index}] admits exactly what {other} admits for the same pods (with the pods and labels that exist now)."
                            : $"{dir}[{ra.Index}] admits nothing that {other} does not already admit for these pods (with the pods and labels that exist now).",
                        Fix = $"Remove spec.{dir}[{ra.Index}] from {pa.Key}, or narrow {other} if it is wider than intended.",
                    });
                }
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
    private static void LintDns(PolicyEngine engine, List<LintFinding> findings)
    {
        var index = engine.Index;
        var dnsPods = Enumerable.Range(0, index.PodCount)
            .Where(i => index.Pods[i].Labels.TryGetValue("k8s-app", out var v) && v == "kube-dns")
            .ToList();
        var nodeLocal = NodeLocalDnsAddress(engine.Snapshot);
        var probes = new[] { new ReachProbe(53, "UDP"), new ReachProbe(53, "TCP") };
        var groups = new Dictionary<string, (List<int> Pods, List<string> Problems)>(StringComparer.Ordinal);
        for (var s = 0; s < index.PodCount; s++)
        {
            if (!engine.IsEgressIsolated(s) || dnsPods.Contains(s))
            {
                continue;
            }

            var problems = new List<string>();
            var from = ReachEndpoint.OfPod(index.PodKeys[s]);
            foreach (var probe in probes)
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

                if (nodeLocal is not null && !engine.Explain(from, ReachEndpoint.External(nodeLocal), probe).Egress.Allows)
                {
                    problems.Add($"NodeLocal DNSCache listens on {nodeLocal} (hostNetwork) and no egress rule admits it on {probe}");
                }
            }

            if (problems.Count == 0)
            {
                continue;
            }

            var key = string.Join(",", engine.EgressPoliciesOf(s)) + "|" + string.Join(";", problems);
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
            findings.Add(new LintFinding
            {
                Code = "egress-blocks-dns",
                Severity = "error",
                Object = string.Join(", ", policies.Select(k => $"NetworkPolicy {k}")),
                Field = "spec.egress",
                Message = $"Egress isolation blocks DNS for {pods.Count} pod(s) ({string.Join(", ", pods.Take(5).Select(i => index.PodKeys[i]))}{(pods.Count > 5 ? ", …" : "")}): {string.Join("; ", problems.Distinct())}. Name lookups will time out.",
                Fix = DnsFix(first.Namespace, nodeLocal),
            });
        }
    }

    private static bool AnyEgressRuleAdmitsPort(PolicyEngine engine, int s, ReachProbe probe) =>
        engine.EgressPoliciesOf(s).Any(pi => engine.PolicyAt(pi).EgressRules.Any(r =>
            PortMatch.Of(r, engine.Index, probe).Kind != PortMatchKind.None && (r.Peers is null || r.Peers.Value.Any(p => p.IsIpBlock) || !r.AllPods.IsEmpty)));

    private static string DnsFix(string ns, string? nodeLocal) =>
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
        """ + (nodeLocal is null ? "" : $"\n    - ipBlock:\n        cidr: {nodeLocal}/32   # NodeLocal DNSCache (hostNetwork)") + """

            ports:
            - port: 53
              protocol: UDP
            - port: 53
              protocol: TCP
        """;

    /// <summary>NodeLocal DNSCache's listen address: from its ConfigMap (bind …) when present, else the default when its DaemonSet exists.</summary>
    public static string? NodeLocalDnsAddress(ClusterSnapshot snapshot)
    {
        var cm = snapshot.ConfigMaps.FirstOrDefault(c => c.Name == "node-local-dns");
        if (cm is not null)
        {
            foreach (var v in cm.Data.Values)
            {
                var m = BindRegex().Match(v);
                if (m.Success)
                {
                    return m.Groups[1].Value;
                }
            }
        }

        var ds = snapshot.Workloads.Any(w => w.Kind == "DaemonSet" && w.Name == "node-local-dns");
        return ds || cm is not null ? DefaultNodeLocalDnsAddress : null;
    }

    /// <summary>The pod network: node podCIDRs, Calico IPPools, flannel's net-conf.json Network.</summary>
    internal static IReadOnlyList<CidrRange> PodNetworks(ClusterSnapshot snapshot)
    {
        var list = new List<CidrRange>();
        void Add(string? text)
        {
            if (CidrRange.TryParse(text, out var r))
            {
                list.Add(r);
            }
        }

        foreach (var n in snapshot.Nodes)
        {
            foreach (var c in n.PodCidrs)
            {
                Add(c);
            }
        }

        foreach (var pool in snapshot.IpPools)
        {
            Add(pool.Cidr);
        }

        foreach (var cm in snapshot.ConfigMaps.Where(c => c.Name == "kube-flannel-cfg"))
        {
            if (cm.Data.TryGetValue("net-conf.json", out var json))
            {
                try
                {
                    using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                    if (doc.RootElement.TryGetProperty("Network", out var net))
                    {
                        Add(net.GetString());
                    }
                }
                catch (JsonException)
                {
                    // Malformed flannel config is reported by the topology analyzer; here it just yields no range.
                }
            }
        }

        return list;
    }

    [GeneratedRegex(@"bind\s+([0-9a-fA-F:.]+)")]
    private static partial Regex BindRegex();
}
