namespace ClusterNet.Core.Policy;

/// <summary>
/// The textbook evaluation of one pair: scan the namespace's policies, match selectors against labels, check each rule.
/// No bitsets, no strings. The benchmark's baseline and an independent check of the matrix.
/// </summary>
internal static class NaiveEvaluator
{
    public static bool Allowed(PolicyEngine engine, int s, int d, ReachProbe probe)
    {
        if (s == d)
        {
            return true;
        }

        if (!engine.Chain.IsEmpty)
        {
            // With tier stages the pair goes through the explainer's chain walk (label-based, rule by rule).
            return PolicyExplainer.Explain(engine, ReachEndpoint.OfPod(engine.Index.PodKeys[s]), ReachEndpoint.OfPod(engine.Index.PodKeys[d]), probe, naive: true).Allowed;
        }

        return Side(engine, s, d, ingress: false, probe) && Side(engine, d, s, ingress: true, probe);
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
