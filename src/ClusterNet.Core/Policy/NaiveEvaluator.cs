using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>
/// The textbook evaluation of one pair: scan the namespace's policies, match selectors against labels, check each rule.
/// No bitsets, no strings. The benchmark's baseline and an independent check of the matrix.
/// With cluster policies or Calico tiers, the tiers are walked here too, in the order the APIs give (Admin tier, Calico
/// tiers before the default one, NetworkPolicy, the tiers after it, Baseline tier): Allow and Deny decide, Pass skips
/// the rest of its tier, and nothing deciding allows. Each tier's policies are read rule by rule in this class's own
/// loops (<see cref="NaiveClusterPolicyTier"/>, <see cref="NaiveCalicoTiers"/>), not through the engine's chain,
/// stages or explainer.
/// </summary>
internal static class NaiveEvaluator
{
    public static bool Allowed(PolicyEngine engine, int s, int d, ReachProbe probe)
    {
        if (s == d)
        {
            return true;
        }

        if (engine.Chain.IsEmpty)
        {
            return Side(engine, s, d, ingress: false, probe) && Side(engine, d, s, ingress: true, probe);
        }

        var calico = NaiveCalicoTiers.Of(engine.Index.Snapshot);
        return Tiered(engine, calico, s, d, ingress: false, probe) && Tiered(engine, calico, d, s, ingress: true, probe);
    }

    /// <summary>One direction through the tiers, at pod <paramref name="judged"/> toward pod <paramref name="other"/>.</summary>
    private static bool Tiered(PolicyEngine engine, NaiveCalicoTiers? calico, int judged, int other, bool ingress, ReachProbe probe)
    {
        var index = engine.Index;
        if (index.HostNetwork[judged])
        {
            // NetworkPolicy and the tiers do not apply to hostNetwork pods.
            return true;
        }

        // (order, family, tier name, decision): the family breaks order ties (cluster policies before Calico, as their
        // providers register); a null decision means no policy of the tier selects the pod.
        var tiers = new List<(double Order, int Family, string Tier, Func<StageDecision> Decide)>();
        void Cluster(ClusterPolicyTier tier, double order, string name)
        {
            if (NaiveClusterPolicyTier.Selects(index, tier, judged, ingress))
            {
                tiers.Add((order, 0, name, () => NaiveClusterPolicyTier.Decide(index, tier, judged, other, ingress, probe)));
            }
        }

        Cluster(ClusterPolicyTier.Admin, 1_000, "Admin tier");
        Cluster(ClusterPolicyTier.Baseline, 10_000_000, "Baseline tier");
        calico?.AddTiers(index, judged, other, ingress, probe, tiers);

        // The NetworkPolicy stage sits in Calico's default tier (at its order) when Calico policies exist; it decides
        // only for pods NetworkPolicy isolates.
        var npTier = calico is null ? "NetworkPolicy" : NaiveCalicoTiers.DefaultTier;
        if (IsolatedBy(engine, judged, ingress))
        {
            tiers.Add((NaiveCalicoTiers.DefaultTierOrder, 2, npTier, () => Side(engine, judged, other, ingress, probe) ? StageDecision.Allow : StageDecision.Deny));
        }

        string? skip = null;
        foreach (var (_, _, tier, decide) in tiers.OrderBy(t => t.Order).ThenBy(t => t.Family))
        {
            if (skip == tier)
            {
                continue;
            }

            skip = null;
            switch (decide())
            {
                case StageDecision.Allow:
                    return true;
                case StageDecision.Deny:
                    return false;
                case StageDecision.Pass:
                    skip = tier;
                    break;
            }
        }

        return true;
    }

    private static bool IsolatedBy(PolicyEngine engine, int judged, bool ingress)
    {
        var pod = engine.Index.Pods[judged];
        return engine.PoliciesIn(pod.Namespace).Any(p => (ingress ? p.AffectsIngress : p.AffectsEgress) && p.PodSelector.Matches(pod.Labels));
    }

    private static bool Side(PolicyEngine engine, int judged, int other, bool ingress, ReachProbe probe)
    {
        var index = engine.Index;
        if (index.HostNetwork[judged])
        {
            return true;
        }

        var pod = index.Pods[judged];
        var isolated = false;
        foreach (var p in engine.PoliciesIn(pod.Namespace))
        {
            if (!(ingress ? p.AffectsIngress : p.AffectsEgress) || !p.PodSelector.Matches(pod.Labels))
            {
                continue;
            }

            isolated = true;
            foreach (var r in ingress ? p.IngressRules : p.EgressRules)
            {
                if (PeersMatch(index, p.Key.Namespace, r, other) && PortsMatch(index, r, ingress ? judged : other, probe))
                {
                    return true;
                }
            }
        }

        return !isolated;
    }

    private static bool PeersMatch(PolicyIndex index, string policyNamespace, CompiledRule r, int other)
    {
        if (r.Peers is null)
        {
            return true;
        }

        var pod = index.Pods[other];
        foreach (var peer in r.Peers.Value)
        {
            if (peer.Error is not null)
            {
                continue;
            }

            if (peer.IsIpBlock)
            {
                if (IpMatch(peer, index.PodAddressValues[other]))
                {
                    return true;
                }

                continue;
            }

            var nsOk = peer.NamespaceSelector is null ? pod.Namespace == policyNamespace : peer.NamespaceSelector.Matches(index.LabelsOfNamespace(pod.Namespace));
            if (nsOk && (peer.PodSelector is null || peer.PodSelector.Matches(pod.Labels)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IpMatch(CompiledPeer peer, (UInt128 Value, int Length)[] addresses)
    {
        foreach (var (v, l) in addresses)
        {
            if (peer.Cidr!.Contains(v, l) && !peer.Except.Any(e => e.Contains(v, l)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PortsMatch(PolicyIndex index, CompiledRule r, int destination, ReachProbe probe)
    {
        if (r.Ports is null)
        {
            return true;
        }

        foreach (var port in r.Ports.Value)
        {
            if (port.Name is null ? port.MatchesNumber(probe)
                : port.Protocol == probe.Protocol && index.ResolveNamedPort(destination, port.Name, port.Protocol).Contains(probe.Port))
            {
                return true;
            }
        }

        return false;
    }
}
