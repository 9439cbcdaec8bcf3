using System.Net;

namespace ClusterNet.Core.Policy;

/// <summary>Checks one peer or one port entry against one end of a connection, saying why it does not match.</summary>
internal static class PeerEvaluator
{
    /// <summary>An address matches when it lies in cidr and in no except range.</summary>
    public static bool IpBlockMatches(CompiledPeer peer, IReadOnlyList<IPAddress> addresses, out string reason)
    {
        reason = "";
        if (peer.Cidr is null)
        {
            reason = peer.Error ?? "invalid ipBlock";
            return false;
        }

        if (addresses.Count == 0)
        {
            reason = $"{peer.Text}: the pod has no IP yet";
            return false;
        }

        var reasons = new List<string>();
        foreach (var ip in addresses)
        {
            if (!peer.Cidr.Contains(ip))
            {
                reasons.Add($"{ip} is outside {peer.Cidr}");
                continue;
            }

            var hit = peer.Except.FirstOrDefault(e => e.Contains(ip));
            if (hit is not null)
            {
                reasons.Add($"{ip} is in the except range {hit} of ipBlock {peer.Cidr}");
                continue;
            }

            return true;
        }

        reason = string.Join("; ", reasons);
        return false;
    }

    /// <summary>
    /// Does <paramref name="peer"/> (of a policy in namespace <paramref name="policyNamespace"/>) match the other end?
    /// <paramref name="viaIpBlock"/> is set when a pod matched only because its IP lies in an ipBlock.
    /// </summary>
    public static bool Matches(CompiledPeer peer, PolicyIndex index, string policyNamespace, int pod, IPAddress? external, out bool viaIpBlock, out string reason)
    {
        viaIpBlock = false;
        if (peer.Error is not null)
        {
            reason = peer.Error;
            return false;
        }

        if (peer.IsIpBlock)
        {
            IReadOnlyList<IPAddress> addrs = pod >= 0 ? index.PodAddresses[pod] : [external!];
            var who = pod >= 0 ? index.PodKeys[pod].ToString() : external!.ToString();
            if (IpBlockMatches(peer, addrs, out var why))
            {
                viaIpBlock = pod >= 0;
                reason = $"{peer.Text} contains {who} ({string.Join(", ", addrs)})";
                return true;
            }

            reason = $"{peer.Text}: {why}";
            return false;
        }

        if (pod < 0)
        {
            reason = $"{peer.Text}: {external} is not a pod; pod and namespace selectors only match pods";
            return false;
        }

        var p = index.Pods[pod];
        var key = index.PodKeys[pod];
        if (peer.NamespaceSelector is null)
        {
            if (p.Namespace != policyNamespace)
            {
                reason = $"{peer.Text}: a podSelector alone selects pods in the policy's namespace {policyNamespace}; {key} is in {p.Namespace}";
                return false;
            }
        }
        else
        {
            var nsLabels = index.LabelsOfNamespace(p.Namespace);
            var miss = peer.NamespaceSelector.Mismatch(nsLabels, $"namespace {p.Namespace}");
            if (miss is not null)
            {
                reason = $"{peer.Text}: {miss}";
                return false;
            }
        }

        if (peer.PodSelector is not null)
        {
            var miss = peer.PodSelector.Mismatch(p.Labels, key.ToString());
            if (miss is not null)
            {
                reason = $"{peer.Text}: {miss}";
                return false;
            }
        }

        reason = $"{peer.Text} matches {key}";
        return true;
    }

    /// <summary>Does a ports entry admit the probe to the destination? Named ports resolve on the destination pod.</summary>
    public static bool PortMatches(CompiledPort port, PolicyIndex index, int destinationPod, ReachProbe probe, out string reason)
    {
        if (port.Protocol != probe.Protocol)
        {
            reason = $"{port.Text} is not {probe.Protocol}";
            return false;
        }

        if (port.Name is null)
        {
            if (port.MatchesNumber(probe))
            {
                reason = $"{port.Text} admits {probe.Protocol} {probe.Port}";
                return true;
            }

            reason = $"{port.Text} does not include {probe.Protocol} {probe.Port}";
            return false;
        }

        if (destinationPod < 0)
        {
            reason = $"{port.Text}: an external destination has no named ports";
            return false;
        }

        var numbers = index.ResolveNamedPort(destinationPod, port.Name, port.Protocol).ToList();
        var dest = index.PodKeys[destinationPod];
        if (numbers.Count == 0)
        {
            reason = $"{port.Text}: {dest} defines no {port.Protocol} container port named {port.Name}";
            return false;
        }

        if (numbers.Contains(probe.Port))
        {
            reason = $"{port.Text} resolves to {probe.Port} on {dest}";
            return true;
        }

        reason = $"{port.Text} resolves to {string.Join("/", numbers)} on {dest}, not {probe.Port}";
        return false;
    }
}
