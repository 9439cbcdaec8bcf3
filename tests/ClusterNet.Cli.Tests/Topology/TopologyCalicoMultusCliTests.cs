using System.Text.Json;
using ClusterNet.Testing.Cni;

namespace ClusterNet.Cli.Tests.Topology;

/// <summary>`clusternet topology` and `routes` on a Calico manifest install (no IPPool object) and on Multus networks.</summary>
public sealed class TopologyCalicoMultusCliTests
{
    private const string Multus = """
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: macvlan-conf, namespace: default}
        spec:
          config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "ens1f0", "mode": "bridge", "ipam": {"type": "host-local", "subnet": "192.168.1.0/24"}}'
        ---
        apiVersion: k8s.cni.cncf.io/v1
        kind: NetworkAttachmentDefinition
        metadata: {name: broken, namespace: default}
        spec:
          config: '{"type": "macvlan",'
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: db
          namespace: default
          annotations:
            k8s.v1.cni.cncf.io/networks: macvlan-conf
            k8s.v1.cni.cncf.io/network-status: |
              [{"name": "k8s-pod-network", "interface": "eth0", "ips": ["192.168.196.131"], "default": true},
               {"name": "default/macvlan-conf", "interface": "net1", "ips": ["192.168.1.200"], "mac": "c2:11:22:33:44:55"}]
        spec: {nodeName: node01, containers: [{name: db, image: postgres}]}
        status: {phase: Running, podIP: 192.168.196.131, podIPs: [{ip: 192.168.196.131}]}
        """;

    [Fact]
    public void Topology_Text_CalicoIpipWithoutPool_SaysWhichSourceDecidedAndWhatIsAssumedAsHashLines()
    {
        using var m = new TopologyManifests(CniManifestFixtures.CalicoIpip);

        var (code, stdout, _) = TopologyManifests.Run("topology", "--manifests", m.Path, "--format", "text");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n');
        Assert.Contains("# calico pools from calico-node-env: default-ipv4-ippool 192.168.0.0/16 ipipMode Always vxlanMode Never; backend bird; block /26", lines);
        Assert.Contains(lines, l => l.StartsWith("# assumed (calico-node's documented defaults): cidr 192.168.0.0/16", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("# MTU assumed: FELIX_IPINIPMTU=0 from ConfigMap kube-system/calico-config key veth_mtu", StringComparison.Ordinal));
        Assert.Contains("# pod MTU 1480 (NIC 1500)", lines);
        Assert.Contains("node node01 172.16.100.102", lines);
        Assert.Contains(lines, l => l.StartsWith("  tunnel tunl0 192.168.196.128/32", StringComparison.Ordinal) && l.EndsWith("mtu 1480", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  pod default/web-1 ip 192.168.196.130 mtu 1480", StringComparison.Ordinal));
    }

    [Fact]
    public void Topology_Json_CalicoVxlanWithoutPool_CalicoSectionHasPoolSourceBackendAndNotes()
    {
        using var m = new TopologyManifests(CniManifestFixtures.CalicoVxlan);

        var (code, stdout, _) = TopologyManifests.Run("topology", "--manifests", m.Path, "--format", "json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var calico = doc.RootElement.GetProperty("calico");
        Assert.Equal("calico-node-env", calico.GetProperty("poolSource").GetString());
        Assert.Equal("vxlan", calico.GetProperty("backend").GetString());
        Assert.False(calico.TryGetProperty("mtu", out _));
        Assert.Equal("Always", calico.GetProperty("pools")[0].GetProperty("vxlanMode").GetString());
        Assert.Contains(calico.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("MTU assumed", StringComparison.Ordinal));
        Assert.Equal(1450, doc.RootElement.GetProperty("podMtu").GetInt32());
    }

    [Fact]
    public void Routes_Text_CalicoVxlanWithoutPool_FelixRoutesAndNotesAsComments()
    {
        using var m = new TopologyManifests(CniManifestFixtures.CalicoVxlan);

        var (code, stdout, _) = TopologyManifests.Run("routes", "--manifests", m.Path, "--node", "node01");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n');
        Assert.Contains("192.168.140.64/26 via 192.168.140.64 dev vxlan.calico proto 80 onlink", lines);
        Assert.Contains("# calico pools from calico-node-env, backend vxlan, pod MTU 1450", lines);
        Assert.Contains(lines, l => l.StartsWith("3: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450", StringComparison.Ordinal));
    }

    [Fact]
    public void Topology_TextAndJson_MultusPod_ShowsNet1AndFindingsAndTheBrokenNadOnStderr()
    {
        using var m = new TopologyManifests(CniManifestFixtures.CalicoIpip + "---\n" + Multus);

        var (code, text, stderr) = TopologyManifests.Run("topology", "--manifests", m.Path, "--format", "text");
        var (_, json, _) = TopologyManifests.Run("topology", "--manifests", m.Path);

        Assert.Equal(0, code);
        Assert.Contains("NetworkAttachmentDefinition default/broken", stderr, StringComparison.Ordinal);
        Assert.Contains("  secondary-if default/db net1 192.168.1.200 network default/macvlan-conf cni macvlan mode bridge master ens1f0", text.Split('\n'));
        Assert.Contains("  parent-nic ens1f0", text.Split('\n'));
        Assert.Contains(text.Split('\n'), l => l.StartsWith("# info [secondary-network-unpoliced] NetworkAttachmentDefinition/default/macvlan-conf: NetworkPolicy does not apply", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(json);
        var kinds = doc.RootElement.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("secondary-if", kinds);
        Assert.Contains("parent-nic", kinds);
        Assert.Contains(doc.RootElement.GetProperty("edges").EnumerateArray(), e => e.GetProperty("kind").GetString() == "secondary-parent");
    }

    [Fact]
    public void Topology_UnknownFormat_ListsText()
    {
        using var m = new TopologyManifests();

        var (code, _, stderr) = TopologyManifests.Run("topology", "--manifests", m.Path, "--format", "yaml");

        Assert.Equal(2, code);
        Assert.Contains("--format must be one of json|dot|text", stderr, StringComparison.Ordinal);
    }
}
