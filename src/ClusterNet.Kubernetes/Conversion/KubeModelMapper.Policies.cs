using System.Collections.Immutable;
using ClusterNet.Core.Model;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    /// <summary>networking.k8s.io/v1 NetworkPolicy. Absent lists stay null and empty lists stay empty: the semantics differ.</summary>
    public static NetworkPolicyInfo ToModel(V1NetworkPolicy policy, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var meta = policy.Metadata;
        var spec = policy.Spec;
        var policyTypes = OptionalStrings(spec?.PolicyTypes);
        if (policyTypes is { } types)
        {
            for (var i = 0; i < types.Length; i++)
            {
                if (types[i] is not ("Ingress" or "Egress"))
                {
                    Report(diagnostics, Warning, "NetworkPolicy", meta, $"spec.policyTypes[{i}]", $"policy type \"{types[i]}\" is neither Ingress nor Egress");
                }
            }
        }

        ImmutableArray<NetworkPolicyRuleInfo>? ingress = null;
        if (spec?.Ingress is { } ingressRules)
        {
            var builder = ImmutableArray.CreateBuilder<NetworkPolicyRuleInfo>(ingressRules.Count);
            for (var i = 0; i < ingressRules.Count; i++)
            {
                var r = ingressRules[i];
                builder.Add(Rule(r?.FromProperty, r?.Ports, diagnostics, meta, $"spec.ingress[{i}]", "from"));
            }

            ingress = builder.MoveToImmutable();
        }

        ImmutableArray<NetworkPolicyRuleInfo>? egress = null;
        if (spec?.Egress is { } egressRules)
        {
            var builder = ImmutableArray.CreateBuilder<NetworkPolicyRuleInfo>(egressRules.Count);
            for (var i = 0; i < egressRules.Count; i++)
            {
                var r = egressRules[i];
                builder.Add(Rule(r?.To, r?.Ports, diagnostics, meta, $"spec.egress[{i}]", "to"));
            }

            egress = builder.MoveToImmutable();
        }

        return new NetworkPolicyInfo
        {
            Namespace = meta?.NamespaceProperty ?? "",
            Name = meta?.Name ?? "",
            Uid = meta?.Uid ?? "",
            Labels = Map(meta?.Labels),
            Annotations = MapAnnotations(meta?.Annotations),
            PodSelector = Selector(spec?.PodSelector),
            PolicyTypes = policyTypes,
            Ingress = ingress,
            Egress = egress,
        };
    }

    private static NetworkPolicyRuleInfo Rule(IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports, ICollection<SourceDiagnostic>? diagnostics, V1ObjectMeta? meta, string path, string peersField)
    {
        ImmutableArray<NetworkPolicyPeerInfo>? peerInfos = null;
        if (peers is not null)
        {
            var builder = ImmutableArray.CreateBuilder<NetworkPolicyPeerInfo>(peers.Count);
            for (var i = 0; i < peers.Count; i++)
            {
                var p = peers[i];
                if (p is null)
                {
                    continue;
                }

                if (p.IpBlock is not null && (p.PodSelector is not null || p.NamespaceSelector is not null))
                {
                    Report(diagnostics, Warning, "NetworkPolicy", meta, $"{path}.{peersField}[{i}]", "ipBlock cannot be combined with podSelector or namespaceSelector in one peer (the API server rejects it)");
                }

                builder.Add(new NetworkPolicyPeerInfo
                {
                    // A selector present but empty ({}) is kept as Everything, which differs from null (absent).
                    PodSelector = p.PodSelector is null ? null : Selector(p.PodSelector),
                    NamespaceSelector = p.NamespaceSelector is null ? null : Selector(p.NamespaceSelector),
                    IpBlock = p.IpBlock is null ? null : new IpBlockInfo(p.IpBlock.Cidr ?? "", Strings(p.IpBlock.Except)),
                });
            }

            peerInfos = builder.DrainToImmutable();
        }

        ImmutableArray<NetworkPolicyPortInfo>? portInfos = null;
        if (ports is not null)
        {
            var builder = ImmutableArray.CreateBuilder<NetworkPolicyPortInfo>(ports.Count);
            for (var i = 0; i < ports.Count; i++)
            {
                var p = ports[i];
                if (p is null)
                {
                    continue;
                }

                var portPath = $"{path}.ports[{i}]";
                var port = PortValue(p.Port, diagnostics, "NetworkPolicy", meta, portPath + ".port");
                if (p.EndPort is { } end)
                {
                    if (port is null || !int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start))
                    {
                        Report(diagnostics, Warning, "NetworkPolicy", meta, portPath + ".endPort", "endPort requires a numeric port");
                    }
                    else if (end < start)
                    {
                        Report(diagnostics, Warning, "NetworkPolicy", meta, portPath + ".endPort", $"endPort {end} is lower than port {start}");
                    }
                }

                builder.Add(new NetworkPolicyPortInfo(NullIfEmpty(p.Protocol), port, p.EndPort));
            }

            portInfos = builder.DrainToImmutable();
        }

        return new NetworkPolicyRuleInfo { Peers = peerInfos, Ports = portInfos };
    }
}
