using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>
/// Evaluates one connection rule by rule, keeping every reason. It reads labels directly (not the engine's bitsets),
/// so it doubles as the naive reference the matrix is checked and benchmarked against.
/// </summary>
internal static class PolicyExplainer
{
    private const string IpBlockCaveat =
        "ipBlock is meant for cluster-external IPs; whether a plugin applies it to pod IPs is implementation-defined " +
        "(the upstream conformance tests expect it to match, and this answer follows them)";

    private const string HostNetworkCaveat =
        "NetworkPolicy does not isolate hostNetwork pods, and whether their traffic matches pod selectors or ipBlocks (as the node IP) is implementation-defined";

    public static ReachExplanation Explain(PolicyEngine engine, ReachEndpoint from, ReachEndpoint to, ReachProbe probe, bool naive = false)
    {
        var index = engine.Index;
        var s = Resolve(index, from, nameof(from));
        var d = Resolve(index, to, nameof(to));
        IPAddress? fromIp = s < 0 ? IPAddress.Parse(from.Ip!) : null;
        IPAddress? toIp = d < 0 ? IPAddress.Parse(to.Ip!) : null;

        var egress = Side(engine, ingress: false, judged: s, other: d, otherIp: toIp, destination: d, probe, naive);
        var ingressSide = Side(engine, ingress: true, judged: d, other: s, otherIp: fromIp, destination: d, probe, naive);

        var self = s >= 0 && s == d;
        var allowed = self || (egress.Explanation.Allows && ingressSide.Explanation.Allows);
        var caveats = new List<string>();
        if (!self)
        {
            if (allowed && (egress.OnlyViaIpBlock || ingressSide.OnlyViaIpBlock))
            {
                var rule = (egress.OnlyViaIpBlock ? egress : ingressSide).Explanation.Admitting!;
                caveats.Add($"{rule.Label} admits it only through an ipBlock containing a pod IP: {IpBlockCaveat}");
            }

            foreach (var tie in new[] { egress.TierCaveat, ingressSide.TierCaveat }.OfType<string>())
            {
                caveats.Add(tie);
            }

            if (HostNetworkMatters(engine, s, d))
            {
                var who = string.Join(" and ", new[] { s, d }.Where(i => i >= 0 && index.HostNetwork[i]).Distinct().Select(i => index.PodKeys[i].ToString()));
                caveats.Add($"{who} uses hostNetwork: {HostNetworkCaveat}");
            }
        }

        var caveat = caveats.Count == 0 ? null : string.Join(". ", caveats);
        var verdict = caveat is not null ? ReachVerdict.DependsOnImplementation : allowed ? ReachVerdict.Allowed : ReachVerdict.Denied;
        return new ReachExplanation
        {
            From = from,
            To = to,
            Probe = probe,
            Allowed = allowed,
            Verdict = verdict,
            Caveat = caveat,
            Egress = egress.Explanation,
            Ingress = ingressSide.Explanation,
            Summary = Summarize(from, to, probe, self, allowed, verdict, egress.Explanation, ingressSide.Explanation),
            TestCommands = ReachTestCommand.For(index.Snapshot, from, to, probe),
        };
    }

    /// <summary>Same rule as the matrix: a hostNetwork end matters when a policy would otherwise have judged it.</summary>
    internal static bool HostNetworkMatters(PolicyEngine engine, int s, int d)
    {
        var index = engine.Index;
        var hs = s >= 0 && index.HostNetwork[s];
        var hd = d >= 0 && index.HostNetwork[d];
        if (!hs && !hd)
        {
            return false;
        }

        // A tier stage judging the other end (or a cluster policy whose subject the hostNetwork pod would be) matters too.
        var chain = engine.Chain;
        return (hs && (engine.EgressPoliciesOf(s).Length > 0 || chain.SelectsHostNetworkPod(s, false) || (d >= 0 && (engine.IsIngressIsolated(d) || chain.Selects(d, true)))))
            || (hd && (engine.IngressPoliciesOf(d).Length > 0 || chain.SelectsHostNetworkPod(d, true) || (s >= 0 && (engine.IsEgressIsolated(s) || chain.Selects(s, false)))));
    }

    private static int Resolve(PolicyIndex index, ReachEndpoint e, string what)
    {
        if (e.Pod is { } key)
        {
            return index.PodIndexOf.TryGetValue(key, out var i) ? i : throw new ArgumentException($"no pod {key} in the snapshot", what);
        }

        // An external endpoint that is in fact a pod's IP is that pod: policy judges pods, not addresses.
        var ip = IPAddress.Parse(e.Ip!);
        for (var i = 0; i < index.PodCount; i++)
        {
            if (!index.HostNetwork[i] && index.PodAddresses[i].Any(a => a.Equals(ip)))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed record SideResult(DirectionExplanation Explanation, bool OnlyViaIpBlock, string? TierCaveat = null);

    /// <summary>One direction through the chain: the NetworkPolicy answer alone unless a tier stage judges the pod.</summary>
    private static SideResult Side(PolicyEngine engine, bool ingress, int judged, int other, IPAddress? otherIp, int destination, ReachProbe probe, bool naive)
    {
        var np = NetworkPolicySide(engine, ingress, judged, other, otherIp, destination, probe, naive);
        var chain = engine.Chain;
        if (chain.IsEmpty || judged < 0 || engine.Index.HostNetwork[judged] || !chain.Selects(judged, ingress))
        {
            return np;
        }

        var key = engine.Index.PodKeys[judged];
        var e = np.Explanation;
        var npDecided = false;
        ChainStep? NpStep()
        {
            if (!e.Isolated)
            {
                return null;
            }

            npDecided = true;
            return new ChainStep
            {
                Tier = chain.NetworkPolicyTier,
                Decision = e.Allows ? StageDecision.Allow : StageDecision.Deny,
                Policy = e.Admitting?.Policy.ToString(),
                RuleIndex = e.Admitting?.RuleIndex,
                Text = e.Admitting is { } a
                    ? $"NetworkPolicy `{a.Policy}` {a.Direction.ToLowerInvariant()}[{a.RuleIndex}] allows {probe.Protocol} {probe.Port}"
                    : $"NetworkPolicy: {e.Summary}",
                Reasons = [.. e.Rules.Select(r => $"{r.Label}: {string.Join("; ", r.Reasons)}")],
            };
        }

        var (steps, allows) = chain.Explain(judged, key.ToString(), ingress, other, otherIp, destination, probe, NpStep);
        var last = steps[^1];
        var caveat = steps.Select(s => s.Caveat).OfType<string>().ToList();
        var notes = steps.Select(s => s.Note).OfType<string>().Distinct().ToList();
        var summary = $"{key} {(ingress ? "ingress" : "egress")}: {string.Join(" → ", steps.Select(s => s.Text))}";
        if (notes.Count > 0)
        {
            summary += $" ({string.Join("; ", notes)})";
        }

        return new SideResult(e with
        {
            Applies = true,
            Allows = allows,
            Chain = steps,
            Summary = summary,
        }, npDecided && last.Tier == chain.NetworkPolicyTier && np.OnlyViaIpBlock, caveat.Count == 0 ? null : string.Join(". ", caveat));
    }

    private static SideResult NetworkPolicySide(PolicyEngine engine, bool ingress, int judged, int other, IPAddress? otherIp, int destination, ReachProbe probe, bool naive)
    {
        var index = engine.Index;
        var direction = ingress ? "Ingress" : "Egress";
        if (judged < 0)
        {
            return new SideResult(new DirectionExplanation
            {
                Direction = direction,
                Applies = false,
                Allows = true,
                Summary = ingress
                    ? "the destination is not a pod: no ingress policy applies"
                    : "the source is not a pod: no egress policy applies",
            }, false);
        }

        var key = index.PodKeys[judged];
        var selecting = naive ? NaiveSelecting(engine, judged, ingress) : [.. (ingress ? engine.IngressPoliciesOf(judged) : engine.EgressPoliciesOf(judged)).Select(engine.PolicyAt)];
        var selectingKeys = selecting.Select(p => p.Key).ToImmutableArray();
        if (index.HostNetwork[judged])
        {
            return new SideResult(new DirectionExplanation
            {
                Direction = direction,
                Pod = key,
                Applies = false,
                Allows = true,
                SelectingPolicies = selectingKeys,
                Summary = selecting.Count == 0
                    ? $"{key} uses hostNetwork: NetworkPolicy does not apply to it"
                    : $"{key} uses hostNetwork: NetworkPolicy does not apply to it, so {Names(selectingKeys, key.Namespace)} (which select it) are ignored",
            }, false);
        }

        if (selecting.Count == 0)
        {
            return new SideResult(new DirectionExplanation
            {
                Direction = direction,
                Pod = key,
                Applies = true,
                Isolated = false,
                Allows = true,
                Summary = $"{key} is not isolated for {direction.ToLowerInvariant()}: no policy selects it with {direction} in policyTypes",
            }, false);
        }

        var rules = new List<RuleEvaluation>();
        RuleEvaluation? strict = null, viaIp = null;
        foreach (var policy in selecting)
        {
            foreach (var rule in ingress ? policy.IngressRules : policy.EgressRules)
            {
                var ev = EvaluateRule(index, policy, rule, other, otherIp, destination, probe);
                rules.Add(ev);
                if (ev.Admits)
                {
                    if (ev.ViaIpBlock)
                    {
                        viaIp ??= ev;
                    }
                    else
                    {
                        strict ??= ev;
                    }
                }
            }
        }

        var admitting = strict ?? viaIp;
        var otherText = other >= 0 ? index.PodKeys[other].ToString() : otherIp!.ToString();
        var by = Names(selectingKeys, key.Namespace);
        var verb = ingress ? $"from {otherText}" : $"to {otherText}";
        var summary = admitting is not null
            ? $"{key} is isolated for {direction.ToLowerInvariant()} by {by}; {admitting.Label} admits {verb} on {probe.Protocol} {probe.Port}"
            : $"{key} is isolated for {direction.ToLowerInvariant()} by {by}; no rule admits {verb} on {probe.Protocol} {probe.Port}";
        return new SideResult(new DirectionExplanation
        {
            Direction = direction,
            Pod = key,
            Applies = true,
            Isolated = true,
            Allows = admitting is not null,
            SelectingPolicies = selectingKeys,
            Admitting = admitting,
            Rules = [.. rules],
            Summary = summary,
        }, strict is null && viaIp is not null);
    }

    private static List<CompiledPolicy> NaiveSelecting(PolicyEngine engine, int pod, bool ingress)
    {
        var index = engine.Index;
        var p = index.Pods[pod];
        return [.. engine.PoliciesIn(p.Namespace).Where(c => (ingress ? c.AffectsIngress : c.AffectsEgress) && c.PodSelector.Matches(p.Labels))];
    }

    private static RuleEvaluation EvaluateRule(PolicyIndex index, CompiledPolicy policy, CompiledRule rule, int other, IPAddress? otherIp, int destination, ReachProbe probe)
    {
        var reasons = new List<string>();
        bool peerOk;
        var viaIp = false;
        if (rule.Peers is null)
        {
            peerOk = true;
            reasons.Add(rule.Ingress ? "no from: every source matches" : "no to: every destination matches");
        }
        else
        {
            peerOk = false;
            var peerReasons = new List<string>();
            var ipOnly = false;
            for (var k = 0; k < rule.Peers.Value.Length; k++)
            {
                var peer = rule.Peers.Value[k];
                if (PeerEvaluator.Matches(peer, index, policy.Key.Namespace, other, otherIp, out var via, out var why))
                {
                    if (!via)
                    {
                        peerOk = true;
                        ipOnly = false;
                        peerReasons = [$"peer[{k}] {why}"];
                        break;
                    }

                    if (!peerOk)
                    {
                        peerOk = true;
                        ipOnly = true;
                        peerReasons = [$"peer[{k}] {why}"];
                    }
                }
                else if (!peerOk)
                {
                    peerReasons.Add($"peer[{k}] {why}");
                }
            }

            viaIp = peerOk && ipOnly;
            reasons.AddRange(peerReasons);
        }

        bool portOk;
        if (rule.Ports is null)
        {
            portOk = true;
            reasons.Add("no ports: every port matches");
        }
        else
        {
            portOk = false;
            var portReasons = new List<string>();
            foreach (var port in rule.Ports.Value)
            {
                if (PeerEvaluator.PortMatches(port, index, destination, probe, out var why))
                {
                    portOk = true;
                    portReasons = [why];
                    break;
                }

                portReasons.Add(why);
            }

            reasons.AddRange(portReasons);
        }

        return new RuleEvaluation
        {
            Policy = policy.Key,
            Direction = rule.Ingress ? "Ingress" : "Egress",
            RuleIndex = rule.Index,
            Admits = peerOk && portOk,
            ViaIpBlock = viaIp && portOk,
            Reasons = [.. reasons],
        };
    }

    private static string Names(IEnumerable<ObjectKey> policies, string ns) =>
        string.Join(", ", policies.Select(p => p.Namespace == ns ? p.Name : p.ToString()));

    private static string Summarize(ReachEndpoint from, ReachEndpoint to, ReachProbe probe, bool self, bool allowed, ReachVerdict verdict, DirectionExplanation egress, DirectionExplanation ingress)
    {
        if (self)
        {
            return $"{VerdictText.Title(ReachVerdict.Allowed)}: traffic from {from} to itself is always allowed.";
        }

        var head = VerdictText.TitleWithExpectation(verdict, allowed);
        if (allowed && !egress.Isolated && !ingress.Isolated && egress.Applies && ingress.Applies && egress.Chain.IsEmpty && ingress.Chain.IsEmpty)
        {
            return $"{head}: no NetworkPolicy isolates {from} for egress or {to} for ingress on {probe.Protocol} {probe.Port}.";
        }

        // Lead with the side that decides: the denying side(s) when denied, both sides when allowed.
        var parts = allowed ? new[] { egress, ingress } : new[] { egress, ingress }.Where(x => !x.Allows).ToArray();
        return $"{head}: {string.Join("; ", parts.Select(p => p.Summary))}.";
    }
}
