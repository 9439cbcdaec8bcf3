using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// One from/to peer of a cluster policy rule, with the pods it matches. namespaces and pods peers leave hostNetwork
/// pods out (the API says so); networks match every address, pod IPs included (the API says so too); nodes match the
/// node addresses, so among pods only hostNetwork pods on those nodes; domainNames never match a pod.
/// </summary>
internal sealed class CompiledClusterPeer
{
    public CompiledClusterPeer(ClusterPolicyPeerInfo source, PolicyCompiler compiler)
    {
        var index = compiler.Index;
        Pods = new PodSet(index.PodCount);
        var parts = new List<string>();
        if (source.Namespaces is { } nsSel)
        {
            NamespaceSelector = CompiledSelector.Compile(nsSel);
            parts.Add($"namespaces {NamespaceSelector.Text}");
            AddPods(compiler, NamespaceSelector, null);
        }

        if (source.PodsPodSelector is not null || source.PodsNamespaceSelector is not null)
        {
            PodsNamespaceSelector = CompiledSelector.Compile(source.PodsNamespaceSelector ?? LabelSelector.Everything);
            PodsPodSelector = CompiledSelector.Compile(source.PodsPodSelector ?? LabelSelector.Everything);
            parts.Add($"pods namespaceSelector {PodsNamespaceSelector.Text} podSelector {PodsPodSelector.Text}");
            AddPods(compiler, PodsNamespaceSelector, PodsPodSelector);
        }

        if (source.Nodes is { } nodeSel)
        {
            Nodes = CompiledSelector.Compile(nodeSel);
            parts.Add($"nodes {Nodes.Text}");
            var nodes = index.Snapshot.Nodes.Where(n => Nodes.Matches(n.Labels)).ToList();
            NodeNames = [.. nodes.Select(n => n.Name)];
            NodeAddresses = [.. nodes.SelectMany(n => n.Addresses).Select(a => IPAddress.TryParse(a.Address, out var ip) ? ip : null).OfType<IPAddress>()];
            for (var i = 0; i < index.PodCount; i++)
            {
                if (index.HostNetwork[i] && index.Pods[i].NodeName is { } node && NodeNames.Contains(node))
                {
                    Pods.Add(i);
                }
            }
        }

        var networks = new List<CidrRange>();
        foreach (var n in source.Networks.IsDefault ? [] : source.Networks)
        {
            if (CidrRange.TryParse(n, out var cidr))
            {
                networks.Add(cidr);
            }
        }

        Networks = [.. networks];
        if (!Networks.IsEmpty)
        {
            parts.Add($"networks {string.Join(", ", Networks)}");
            for (var i = 0; i < index.PodCount; i++)
            {
                foreach (var (value, length) in index.PodAddressValues[i])
                {
                    if (Networks.Any(c => c.Contains(value, length)))
                    {
                        Pods.Add(i);
                        break;
                    }
                }
            }
        }

        DomainNames = source.DomainNames.IsDefault ? [] : source.DomainNames;
        if (!DomainNames.IsEmpty)
        {
            parts.Add($"domainNames {string.Join(", ", DomainNames)}");
        }

        Text = parts.Count == 0 ? "empty peer (matches nothing)" : string.Join(" + ", parts);
    }

    public CompiledSelector? NamespaceSelector { get; }
    public CompiledSelector? PodsNamespaceSelector { get; }
    public CompiledSelector? PodsPodSelector { get; }
    public CompiledSelector? Nodes { get; }
    public ImmutableArray<string> NodeNames { get; } = [];
    public ImmutableArray<IPAddress> NodeAddresses { get; } = [];
    public ImmutableArray<CidrRange> Networks { get; }
    public ImmutableArray<string> DomainNames { get; }
    /// <summary>Every pod this peer matches.</summary>
    public PodSet Pods { get; }
    public string Text { get; }

    /// <summary>Does the peer match an external address? networks by CIDR, nodes by node address; domainNames never (they match names, not IPs).</summary>
    public bool MatchesAddress(IPAddress ip) => Networks.Any(c => c.Contains(ip)) || NodeAddresses.Any(a => a.Equals(ip));

    private void AddPods(PolicyCompiler compiler, CompiledSelector namespaces, CompiledSelector? pods)
    {
        var index = compiler.Index;
        var matching = compiler.NamespacesMatching(namespaces);
        var podSelector = pods ?? CompiledSelector.Compile(LabelSelector.Everything);
        for (var n = 0; n < matching.Length; n++)
        {
            if (!matching[n])
            {
                continue;
            }

            foreach (var i in compiler.PodsMatching(podSelector, n).Members())
            {
                if (!index.HostNetwork[i])
                {
                    Pods.Add(i);
                }
            }
        }
    }
}
