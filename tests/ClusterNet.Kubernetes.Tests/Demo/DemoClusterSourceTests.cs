using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Demo;
using Microsoft.Extensions.Time.Testing;

namespace ClusterNet.Kubernetes.Tests.Demo;

public sealed class DemoClusterSourceTests
{
    private static ClusterSnapshot Snapshot() => DemoClusterSource.LoadManifest().ToSnapshot(new SourceInfo("demo", "Demo cluster"));

    [Fact]
    public void LoadManifest_EmbeddedYaml_HasNoDiagnostics()
    {
        var result = DemoClusterSource.LoadManifest();
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Objects.Length > 40);
    }

    [Fact]
    public void LoadManifest_EmbeddedYaml_SatisfiesInvariants() => DemoInvariants.AssertHold(Snapshot());

    [Fact]
    public void LoadManifest_RepositoryFile_EqualsEmbeddedResource()
    {
        // CLI tests read src/ClusterNet.Kubernetes/Demo/demo-cluster.yaml with --manifests; it must be what the demo shows.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        Assert.Equal(File.ReadAllText(Path.Combine(dir.FullName, "src", "ClusterNet.Kubernetes", "Demo", "demo-cluster.yaml")), DemoClusterSource.ManifestText());
    }

    [Theory]
    [InlineData("master", "172.16.100.101", "10.244.0.0/24", "6a:1f:c3:4e:9b:01")]
    [InlineData("node01", "172.16.100.102", "10.244.1.0/24", "6a:1f:c3:4e:9b:02")]
    [InlineData("node02", "172.16.100.103", "10.244.2.0/24", "6a:1f:c3:4e:9b:03")]
    public void Nodes_MatchTheNotes(string name, string ip, string cidr, string vtepMac)
    {
        var node = Snapshot().Nodes.Get("", name)!;
        Assert.Equal(ip, node.InternalIp);
        Assert.Equal([cidr], node.PodCidrs.ToArray());
        Assert.True(node.Ready);
        Assert.StartsWith("3.10.0-1127", node.KernelVersion);
        Assert.Equal("vxlan", node.Annotations["flannel.alpha.coreos.com/backend-type"]);
        Assert.Equal(ip, node.Annotations["flannel.alpha.coreos.com/public-ip"]);
        Assert.Equal("true", node.Annotations["flannel.alpha.coreos.com/kube-subnet-manager"]);
        using var data = JsonDocument.Parse(node.Annotations["flannel.alpha.coreos.com/backend-data"]);
        Assert.Equal(1, data.RootElement.GetProperty("VNI").GetInt32());
        Assert.Equal(vtepMac, data.RootElement.GetProperty("VtepMAC").GetString());
    }

    [Fact]
    public void ConfigMaps_FlannelProxyAndCoreDns_AreValid()
    {
        var snapshot = Snapshot();
        using var netConf = JsonDocument.Parse(snapshot.ConfigMaps.Get("kube-system", "kube-flannel-cfg")!.Data["net-conf.json"]);
        Assert.Equal("10.244.0.0/16", netConf.RootElement.GetProperty("Network").GetString());
        Assert.Equal("vxlan", netConf.RootElement.GetProperty("Backend").GetProperty("Type").GetString());
        Assert.True(netConf.RootElement.GetProperty("Backend").GetProperty("DirectRouting").GetBoolean());
        Assert.Contains("\nmode: ipvs\n", snapshot.ConfigMaps.Get("kube-system", "kube-proxy")!.Data["config.conf"]);
        var corefile = snapshot.ConfigMaps.Get("kube-system", "coredns")!.Data["Corefile"];
        Assert.Contains("kubernetes cluster.local", corefile);
        Assert.DoesNotContain("autopath", corefile);
        Assert.NotNull(snapshot.ConfigMaps.Get("ingress-nginx", "ingress-nginx-controller"));
    }

    [Fact]
    public void Workloads_DaemonSetsAndDeployments_ArePresent()
    {
        var w = Snapshot().Workloads;
        Assert.True(w.Get("kube-system", "DaemonSet/kube-flannel-ds")!.HostNetwork);
        Assert.True(w.Get("kube-system", "DaemonSet/kube-proxy")!.HostNetwork);
        Assert.Equal(2, w.Get("kube-system", "Deployment/coredns")!.DesiredReplicas);
        var php = w.Get("shop", "Deployment/php-fpm")!;
        Assert.Equal(2, php.DesiredReplicas);
        Assert.Equal("php:7.4-fpm-alpine", php.Containers[0].Image);
        Assert.Equal("ClusterFirst", php.DnsPolicy);
        Assert.Null(php.DnsConfig);
        Assert.NotNull(w.Get("ingress-nginx", "Deployment/ingress-nginx-controller"));
    }

    [Fact]
    public void Services_DnsNodePortAndLoadBalancer_MatchTheBrief()
    {
        var s = Snapshot().Services;
        var dns = s.Get("kube-system", "kube-dns")!;
        Assert.Equal("10.96.0.10", dns.ClusterIp);
        Assert.Equal(["dns 53/UDP", "dns-tcp 53/TCP", "metrics 9153/TCP"], dns.Ports.Select(p => $"{p.Name} {p.Port}/{p.Protocol}").ToArray());
        var myapp = s.Get("dev", "myapp")!;
        Assert.Equal(("NodePort", 30080, "Cluster"), (myapp.Type, myapp.Ports[0].NodePort!.Value, myapp.ExternalTrafficPolicy));
        var lb = s.Get("ingress-nginx", "ingress-nginx-controller")!;
        Assert.Equal(("LoadBalancer", "Local", 32456), (lb.Type, lb.ExternalTrafficPolicy, lb.HealthCheckNodePort!.Value));
        Assert.Equal("203.0.113.10", lb.LoadBalancerIngress[0].Ip);
    }

    [Fact]
    public void PodsAndPolicies_FromTheNotes_AreExact()
    {
        var snapshot = Snapshot();
        Assert.Equal(("node01", "10.244.1.2"), (snapshot.Pods.Get("dev", "pod1")!.NodeName, snapshot.Pods.Get("dev", "pod1")!.PodIp));
        Assert.Equal(("node02", "10.244.2.2"), (snapshot.Pods.Get("prod", "pod1")!.NodeName, snapshot.Pods.Get("prod", "pod1")!.PodIp));
        Assert.Equal(new ContainerPortInfo("http", 80), snapshot.Pods.Get("dev", "pod1")!.Containers[0].Ports[0]);
        Assert.Equal("dev", snapshot.Namespaces.Get("", "dev")!.Labels["name"]);

        var denyIngress = snapshot.NetworkPolicies.Get("dev", "deny-all-ingress")!;
        Assert.True(denyIngress.PodSelector.IsEmpty);
        Assert.Equal(["Ingress"], denyIngress.PolicyTypes!.Value.ToArray());
        Assert.Null(denyIngress.Ingress);

        var allow = snapshot.NetworkPolicies.Get("dev", "allow-80-ingress")!;
        Assert.Equal("myapp", allow.PodSelector.MatchLabels["app"]);
        var rule = Assert.Single(allow.Ingress!.Value);
        Assert.Equal(new IpBlockInfo("10.244.0.0/16", ["10.244.1.2/32"]).Cidr, rule.Peers!.Value[0].IpBlock!.Cidr);
        Assert.Equal(["10.244.1.2/32"], rule.Peers!.Value[0].IpBlock!.Except.ToArray());
        Assert.Equal([new NetworkPolicyPortInfo("TCP", "80"), new NetworkPolicyPortInfo("TCP", "443")], rule.Ports!.Value.ToArray());

        var denyEgress = snapshot.NetworkPolicies.Get("prod", "deny-all-egress")!;
        Assert.Equal(["Egress"], denyEgress.PolicyTypes!.Value.ToArray());
        Assert.Null(denyEgress.Egress);
        Assert.Equal(3, snapshot.NetworkPolicies.Count);

        var ingress = snapshot.Ingresses.Get("dev", "myapp")!;
        Assert.Equal("nginx", ingress.IngressClassName);
        Assert.Equal("myapp", ingress.Rules[0].Paths[0].BackendService);
        Assert.True(snapshot.IngressClasses.Get("", "nginx")!.IsDefault);
    }

    [Fact]
    public async Task Store_AfterConstruction_IsSyncedAndLabelledDemo()
    {
        await using var source = new DemoClusterSource(TimeSpan.Zero);
        var snapshot = source.Store.Current;
        Assert.Equal(new SourceInfo("demo", "Demo cluster"), source.Info);
        Assert.Equal(source.Info, snapshot.Source);
        Assert.All(ResourceKind.All, k => Assert.Equal(KindState.Synced, snapshot.StatusOf(k).State));
        Assert.Equal(3, snapshot.Kinds[ResourceKind.Nodes].Count);
        Assert.Empty(snapshot.Diagnostics);
        Assert.True(source.Store.InitialSyncComplete);
    }

    [Fact]
    public async Task Step_EveryChange_BumpsVersionAndKeepsInvariants()
    {
        await using var source = new DemoClusterSource(TimeSpan.Zero);
        var version = source.Store.Current.Version;
        var replicas = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            source.Step();
            var snapshot = source.Store.Current;
            Assert.True(snapshot.Version > version, $"step {i} did not publish a new snapshot");
            version = snapshot.Version;
            DemoInvariants.AssertHold(snapshot);
            replicas.Add(snapshot.Workloads.Get("shop", "Deployment/php-fpm")!.DesiredReplicas!.Value);
        }

        Assert.Equal([2, 3, 3, 2, 2, 3, 3, 2], replicas.ToArray());
    }

    [Fact]
    public async Task Step_Restart_ReplacesPodWithNewNameAndIp()
    {
        await using var source = new DemoClusterSource(TimeSpan.Zero);
        var before = source.Store.Current.Pods.Where(p => p.Namespace == "dev" && p.Owner?.Kind == "ReplicaSet").ToList();

        source.Step();

        var after = source.Store.Current.Pods.Where(p => p.Namespace == "dev" && p.Owner?.Kind == "ReplicaSet").ToList();
        Assert.Equal(before.Count, after.Count);
        var gone = Assert.Single(before, b => after.All(a => a.Name != b.Name));
        var added = Assert.Single(after, a => before.All(b => b.Name != a.Name));
        Assert.NotEqual(gone.PodIp, added.PodIp);
        Assert.Equal(gone.NodeName, added.NodeName);
        Assert.StartsWith("myapp-5d9c7b8f6-", added.Name);
        var slice = source.Store.Current.EndpointsOf(source.Store.Current.Services.Get("dev", "myapp")!).Single();
        Assert.Contains(slice.Addresses, a => a.Ip == added.PodIp && a.TargetName == added.Name);
        Assert.DoesNotContain(slice.Addresses, a => a.Ip == gone.PodIp);
    }

    [Fact]
    public async Task StartAsync_WithInterval_StepsOnTheTimer()
    {
        var time = new FakeTimeProvider();
        await using var source = new DemoClusterSource(TimeSpan.FromSeconds(10), time);
        await source.StartAsync(CancellationToken.None);
        var version = source.Store.Current.Version;

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(version, source.Store.Current.Version);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(source.Store.Current.Version > version);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, source.Store.Current.Workloads.Get("shop", "Deployment/php-fpm")!.DesiredReplicas);
    }
}
