using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy;

/// <summary>
/// The naive evaluator's Admin or Baseline tier: ClusterNetworkPolicies, AdminNetworkPolicies and the
/// BaselineAdminNetworkPolicy read straight from the snapshot's objects, rule by rule, with label matching written out
/// here. None of the engine's compiled policies, stages or bitsets: an independent check of them.
/// </summary>
internal static class NaiveClusterPolicyTier
{
    /// <summary>
    /// The tier's decision for pod <paramref name="judged"/> in one direction toward pod <paramref name="peer"/>: the
    /// first matching rule of the first policy (by priority, then kind, then name) that has one, else NoMatch.
    /// </summary>
    public static StageDecision Decide(PolicyIndex index, ClusterPolicyTier tier, int judged, int peer, bool ingress, ReachProbe probe)
    {
        var policies = index.Snapshot.ClusterPolicies
            .Where(p => p.Tier == tier && SubjectHas(index, p, judged))
            .OrderBy(p => p.Kind == ClusterPolicyKind.BaselineAdminNetworkPolicy ? long.MaxValue : p.Priority ?? 100_000)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.Name, StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            foreach (var rule in ingress ? policy.Ingress : policy.Egress)
            {
                if (rule.Action is not { } action)
                {
                    continue;
                }

                var peers = rule.Peers.IsDefault ? [] : rule.Peers;
                if (peers.Any(x => PeerHas(index, x, peer)) && PortsMatch(index, rule, ingress ? judged : peer, probe))
                {
                    return action switch
                    {
                        ClusterPolicyAction.Accept => StageDecision.Allow,
                        ClusterPolicyAction.Deny => StageDecision.Deny,
                        _ => StageDecision.Pass,
                    };
                }
            }
        }

        return StageDecision.NoMatch;
    }

    /// <summary>Does any policy of the tier select the pod (hostNetwork pods never: these APIs leave them out)?</summary>
    public static bool Selects(PolicyIndex index, ClusterPolicyTier tier, int judged, bool ingress) =>
        index.Snapshot.ClusterPolicies.Any(p => p.Tier == tier && !(ingress ? p.Ingress : p.Egress).IsDefaultOrEmpty && SubjectHas(index, p, judged));

    private static bool SubjectHas(PolicyIndex index, ClusterPolicyInfo p, int i)
    {
        var pod = index.Pods[i];
        return p.Subject.Valid && !index.HostNetwork[i]
            && NaiveLabels.Matches(p.Subject.NamespaceSelector, index.LabelsOfNamespace(pod.Namespace))
            && NaiveLabels.Matches(p.Subject.PodSelector ?? LabelSelector.Everything, pod.Labels);
    }

    /// <summary>
    /// namespaces and pods peers: pods in matching namespaces (and with matching labels), never hostNetwork pods;
    /// nodes: hostNetwork pods on matching nodes (they have the node's address); networks: any pod with an address in
    /// one of the CIDRs; domainNames: no pod.
    /// </summary>
    private static bool PeerHas(PolicyIndex index, ClusterPolicyPeerInfo peer, int i)
    {
        var pod = index.Pods[i];
        var nsLabels = index.LabelsOfNamespace(pod.Namespace);
        if (!index.HostNetwork[i])
        {
            if (peer.Namespaces is { } ns && NaiveLabels.Matches(ns, nsLabels))
            {
                return true;
            }

            if ((peer.PodsNamespaceSelector is not null || peer.PodsPodSelector is not null)
                && NaiveLabels.Matches(peer.PodsNamespaceSelector ?? LabelSelector.Everything, nsLabels)
                && NaiveLabels.Matches(peer.PodsPodSelector ?? LabelSelector.Everything, pod.Labels))
            {
                return true;
            }
        }
        else if (peer.Nodes is { } nodes && pod.NodeName is { } nodeName
            && index.Snapshot.Nodes.Any(n => n.Name == nodeName && NaiveLabels.Matches(nodes, n.Labels)))
        {
            return true;
        }

        foreach (var network in peer.Networks.IsDefault ? [] : peer.Networks)
        {
            if (CidrRange.TryParse(network, out var cidr) && index.PodAddressValues[i].Any(a => cidr.Contains(a.Value, a.Length)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Numbered ports by protocol (TCP when unwritten) and range; a named port, any protocol, as the destination declares it.</summary>
    private static bool PortsMatch(PolicyIndex index, ClusterPolicyRuleInfo rule, int destination, ReachProbe probe)
    {
        if (rule.Ports is not { } ports)
        {
            return true;
        }

        foreach (var p in ports)
        {
            if (p.NamedPort is { } name)
            {
                if (probe.Protocol is "TCP" or "UDP" or "SCTP" && index.ResolveNamedPort(destination, name, probe.Protocol).Contains(probe.Port))
                {
                    return true;
                }
            }
            else if (PolicyIndex.Proto(p.Protocol) == probe.Protocol
                && (p.Port is not { } from || (probe.Port >= from && probe.Port <= (p.EndPort ?? from))))
            {
                return true;
            }
        }

        return false;
    }
}
