using System.Collections.Immutable;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology.Multus;
using k8s;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

/// <summary>
/// Multus kinds (k8s.cni.cncf.io): NetworkAttachmentDefinition v1 and MultiNetworkPolicy v1beta1, read as generic
/// objects. A NAD whose spec.config is not a readable CNI config keeps its name and says why (diagnostic naming the
/// object and spec.config), so the rest of the snapshot and the other NADs still load.
/// </summary>
public static partial class KubeModelMapper
{
    public const string MultusGroup = "k8s.cni.cncf.io";

    public static NetworkAttachmentDefinitionInfo ToNetworkAttachmentDefinition(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "NetworkAttachmentDefinition", diagnostics);
        var spec = r.Object(obj, "spec", "spec");
        var config = r.String(spec, "config", "spec.config");
        var parsed = CniConfigParser.Parse(config);
        if (parsed.Error is { } error)
        {
            r.Warn("spec.config", $"CNI config not read: {error}");
        }

        var c = parsed.Config;
        return new NetworkAttachmentDefinitionInfo
        {
            Namespace = r.Namespace,
            Name = r.Name,
            ResourceName = r.Annotations.GetValueOrDefault(MultusAnnotations.ResourceName),
            CniType = c?.Type,
            NetworkName = c?.Name,
            Master = c?.Master,
            Mode = c?.Mode,
            Mtu = c?.Mtu,
            Vlan = c?.Vlan,
            IpamType = c?.IpamType,
            IpamRanges = c?.IpamRanges ?? [],
            ConfigError = parsed.Error,
        };
    }

    public static MultiNetworkPolicyInfo ToMultiNetworkPolicy(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "MultiNetworkPolicy", diagnostics);
        var spec = r.Object(obj, "spec", "spec");
        var types = ImmutableArray.CreateBuilder<string>();
        foreach (var (t, _) in r.Items(spec, "policyTypes", "spec.policyTypes", JsonValueKind.String))
        {
            types.Add(t.GetString() ?? "");
        }

        var selector = LabelSelector.Everything;
        if (r.Object(spec, "podSelector", "spec.podSelector") is { } sel)
        {
            try
            {
                selector = Selector(KubernetesJson.Deserialize<V1LabelSelector>(sel.GetRawText()));
            }
            catch (JsonException ex)
            {
                r.Warn("spec.podSelector", $"podSelector not read ({ex.Message}); taken as selecting every pod");
            }
        }

        var policyFor = r.Annotations.GetValueOrDefault(MultusAnnotations.PolicyFor) ?? "";
        return new MultiNetworkPolicyInfo
        {
            Namespace = r.Namespace,
            Name = r.Name,
            PolicyFor = [.. policyFor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            PodSelector = selector,
            PolicyTypes = types.ToImmutable(),
            IngressRules = r.Items(spec, "ingress", "spec.ingress").Count(),
            EgressRules = r.Items(spec, "egress", "spec.egress").Count(),
        };
    }

    /// <summary>Tigera operator Installation (operator.tigera.io/v1): spec.calicoNetwork ipPools, bgp, mtu; spec.cni.type.</summary>
    public static CalicoInstallationInfo ToInstallation(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "Installation", diagnostics, clusterScoped: true);
        var spec = r.Object(obj, "spec", "spec");
        var network = r.Object(spec, "calicoNetwork", "spec.calicoNetwork");
        var pools = ImmutableArray.CreateBuilder<InstallationIpPoolInfo>();
        foreach (var (p, path) in r.Items(network, "ipPools", "spec.calicoNetwork.ipPools"))
        {
            var cidr = r.String(p, "cidr", path + ".cidr") ?? "";
            if (cidr.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            pools.Add(new InstallationIpPoolInfo
            {
                Name = r.String(p, "name", path + ".name"),
                Cidr = cidr,
                Encapsulation = r.String(p, "encapsulation", path + ".encapsulation"),
                NatOutgoing = r.String(p, "natOutgoing", path + ".natOutgoing"),
                BlockSize = r.Int(p, "blockSize", path + ".blockSize"),
                Disabled = r.Bool(p, "disabled", path + ".disabled") ?? false,
            });
        }

        return new CalicoInstallationInfo
        {
            Name = r.Name,
            Bgp = r.String(network, "bgp", "spec.calicoNetwork.bgp"),
            Mtu = r.Int(network, "mtu", "spec.calicoNetwork.mtu"),
            LinuxDataplane = r.String(network, "linuxDataplane", "spec.calicoNetwork.linuxDataplane"),
            CniType = r.String(r.Object(spec, "cni", "spec.cni"), "type", "spec.cni.type"),
            IpPools = pools.ToImmutable(),
            HasCalicoNetwork = network is not null,
        };
    }
}
