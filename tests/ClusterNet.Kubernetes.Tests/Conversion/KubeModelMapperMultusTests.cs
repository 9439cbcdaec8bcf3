using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Conversion;

/// <summary>NetworkAttachmentDefinition (macvlan bridge, ipvlan l2, sriov), MultiNetworkPolicy, Installation and container env mapping.</summary>
public sealed class KubeModelMapperMultusTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static JsonElement Nad(string config, string annotations = "{}") => Json(
        "{\"apiVersion\":\"k8s.cni.cncf.io/v1\",\"kind\":\"NetworkAttachmentDefinition\",\"metadata\":{\"name\":\"net\",\"namespace\":\"dev\",\"annotations\":"
        + annotations + "},\"spec\":{\"config\":" + JsonSerializer.Serialize(config) + "}}");

    [Fact]
    public void ToNetworkAttachmentDefinition_MacvlanBridge_ReadsMasterModeAndIpam()
    {
        var nad = KubeModelMapper.ToNetworkAttachmentDefinition(Nad("""
            {"cniVersion":"0.3.1","name":"macvlan-conf","type":"macvlan","master":"ens1f0","mode":"bridge",
             "ipam":{"type":"host-local","subnet":"192.168.1.0/24","rangeStart":"192.168.1.200","rangeEnd":"192.168.1.216","gateway":"192.168.1.1"}}
            """));

        Assert.Equal(("dev", "net", "macvlan", "macvlan-conf", "ens1f0", "bridge", "host-local"), (nad.Namespace, nad.Name, nad.CniType, nad.NetworkName, nad.Master, nad.Mode, nad.IpamType));
        Assert.Equal(["192.168.1.0/24"], nad.IpamRanges.ToArray());
        Assert.Null(nad.ConfigError);
    }

    [Fact]
    public void ToNetworkAttachmentDefinition_IpvlanConflistWithoutMode_DefaultsToL2()
    {
        var nad = KubeModelMapper.ToNetworkAttachmentDefinition(Nad("""
            {"cniVersion":"0.4.0","name":"ipvlan-net","plugins":[{"type":"ipvlan","master":"eth1","mtu":1500,
              "ipam":{"type":"whereabouts","range":"10.20.0.0/24"}},{"type":"tuning"}]}
            """));

        Assert.Equal(("ipvlan", "eth1", "l2", 1500, "whereabouts"), (nad.CniType, nad.Master, nad.Mode, nad.Mtu, nad.IpamType));
        Assert.Equal(["10.20.0.0/24"], nad.IpamRanges.ToArray());
    }

    [Fact]
    public void ToNetworkAttachmentDefinition_Sriov_ReadsResourceNameAndVlan()
    {
        var nad = KubeModelMapper.ToNetworkAttachmentDefinition(Nad(
            """{"cniVersion":"0.3.1","name":"sriov-net","type":"sriov","vlan":100,"ipam":{"type":"static","addresses":[{"address":"10.56.217.10/24"}]}}""",
            """{"k8s.v1.cni.cncf.io/resourceName":"intel.com/intel_sriov_netdevice"}"""));

        Assert.Equal(("sriov", "intel.com/intel_sriov_netdevice", 100, "static"), (nad.CniType, nad.ResourceName, nad.Vlan, nad.IpamType));
        Assert.Null(nad.Master);
        Assert.Equal(["10.56.217.10/24"], nad.IpamRanges.ToArray());
    }

    [Theory]
    [InlineData("""{"type":"macvlan", "master":}""", "invalid JSON at line 1")]
    [InlineData("""["macvlan"]""", "expected a JSON object")]
    [InlineData("""{"name":"x"}""", "no \"type\"")]
    [InlineData("", "spec.config is empty")]
    public void ToNetworkAttachmentDefinition_BrokenConfig_DiagnosticNamesObjectAndFieldAndKeepsTheObject(string config, string expected)
    {
        var diagnostics = new List<SourceDiagnostic>();
        var nad = KubeModelMapper.ToNetworkAttachmentDefinition(Nad(config), diagnostics);

        Assert.Equal("net", nad.Name);
        Assert.Null(nad.CniType);
        Assert.Contains(expected, nad.ConfigError, StringComparison.Ordinal);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("NetworkAttachmentDefinition dev/net", "spec.config"), (d.Object, d.Field));
    }

    [Fact]
    public void ManifestLoader_BrokenNadBesideGoodOnes_LoadsTheRestAndNamesTheLine()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: {name: broken, namespace: dev}
            spec:
              config: '{"type": "macvlan", "master": "ens1f0",}'
            ---
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata: {name: good, namespace: dev}
            spec:
              config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "ens1f0", "mode": "bridge"}'
            ---
            apiVersion: k8s.cni.cncf.io/v1beta1
            kind: MultiNetworkPolicy
            metadata:
              name: deny-macvlan
              namespace: dev
              annotations: {k8s.v1.cni.cncf.io/policy-for: "dev/good, other"}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
              ingress: [{from: [{ipBlock: {cidr: 192.168.1.0/24}}]}]
            """, "nads.yaml");

        Assert.False(result.HasErrors);
        var snapshot = result.ToSnapshot(new SourceInfo("file", "nads.yaml"));
        Assert.Equal(2, snapshot.NetworkAttachmentDefinitions.Count);
        Assert.Equal("macvlan", snapshot.NetworkAttachmentDefinitions.Get("dev", "good")!.CniType);
        Assert.NotNull(snapshot.NetworkAttachmentDefinitions.Get("dev", "broken")!.ConfigError);
        var d = Assert.Single(result.Diagnostics, d => d.Field == "spec.config");
        Assert.Contains("NetworkAttachmentDefinition dev/broken", d.Object, StringComparison.Ordinal);
        Assert.Contains("line 5", d.ToString(), StringComparison.Ordinal);

        var mnp = Assert.Single(snapshot.MultiNetworkPolicies);
        Assert.Equal(["dev/good", "other"], mnp.PolicyFor.ToArray());
        Assert.Equal("db", mnp.PodSelector.MatchLabels["app"]);
        Assert.Equal(["Ingress"], mnp.PolicyTypes.ToArray());
        Assert.Equal((1, 0), (mnp.IngressRules, mnp.EgressRules));
    }

    [Fact]
    public void ToInstallation_CalicoNetwork_ReadsPoolsBgpMtuAndSkipsIpv6()
    {
        var installation = KubeModelMapper.ToInstallation(Json("""
            {"apiVersion":"operator.tigera.io/v1","kind":"Installation","metadata":{"name":"default"},
             "spec":{"cni":{"type":"Calico"},"calicoNetwork":{"bgp":"Disabled","mtu":1410,"linuxDataplane":"BPF",
               "ipPools":[{"cidr":"10.48.0.0/16","encapsulation":"VXLAN","natOutgoing":"Enabled","blockSize":24},{"cidr":"fd00::/48"}]}}}
            """));

        Assert.Equal(("default", "Disabled", 1410, "BPF", "Calico", true), (installation.Name, installation.Bgp, installation.Mtu, installation.LinuxDataplane, installation.CniType, installation.HasCalicoNetwork));
        var pool = Assert.Single(installation.IpPools);
        Assert.Equal(("10.48.0.0/16", "VXLAN", "Enabled", 24), (pool.Cidr, pool.Encapsulation, pool.NatOutgoing, pool.BlockSize));
        Assert.Equal(ObjectKey.Cluster("default"), installation.Key);
    }

    [Fact]
    public void ContainerEnv_KeepsOnlyCalicoNetworkSettingsAndNeverSecretRefs()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: calico-node, namespace: kube-system}
            spec:
              selector: {matchLabels: {k8s-app: calico-node}}
              template:
                metadata: {labels: {k8s-app: calico-node}}
                spec:
                  containers:
                  - name: calico-node
                    image: calico/node
                    env:
                    - {name: CALICO_IPV4POOL_IPIP, value: Always}
                    - {name: DB_PASSWORD, value: hunter2}
                    - name: CALICO_IPV4POOL_CIDR
                      valueFrom: {secretKeyRef: {name: s, key: k}}
                    - name: CALICO_NETWORKING_BACKEND
                      valueFrom: {configMapKeyRef: {name: calico-config, key: calico_backend}}
            """, "ds.yaml");

        var env = result.ToSnapshot(new SourceInfo("file", "ds.yaml")).Workloads.Single().Containers.Single().Env;
        Assert.Equal(
            [new EnvVarInfo { Name = "CALICO_IPV4POOL_IPIP", Value = "Always" }, new EnvVarInfo { Name = "CALICO_NETWORKING_BACKEND", ConfigMapName = "calico-config", ConfigMapKey = "calico_backend" }],
            env.ToArray());
        Assert.DoesNotContain("hunter2", JsonSerializer.Serialize(result.Objects[0]), StringComparison.Ordinal);
    }
}
