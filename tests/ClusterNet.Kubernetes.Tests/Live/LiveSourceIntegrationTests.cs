using System.Diagnostics;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// The live source against a real kube-apiserver 1.20 + etcd + kube-controller-manager (tests/testenv), shared by
/// the tests of this collection. Each test works in its own namespace and uses unique cluster-scoped names.
/// </summary>
public sealed class LiveSourceIntegrationTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly LiveSourceOptions TestOptions = CrdTestOptions.AllKinds;

    private LiveClusterSource Source(KubernetesClientConfiguration config, LiveSourceOptions? options = null, string name = "testenv") =>
        NewSource(config, options ?? TestOptions, name);

    private static bool AllSettled(ClusterSnapshot s) => s.Kinds.Values.All(k => k.State is not (KindState.Pending or KindState.Syncing));

    [Fact]
    public async Task Sync_EveryKind_MatchesServerAndNeverReadsSecrets()
    {
        const string ns = "it-every";
        // Other tests of the collection may have installed the Calico CRDs; start without them to see "not served".
        await Plane.KubectlAsync("delete", "--ignore-not-found", "--wait=true", "crd/ippools.crd.projectcalico.org", "crd/bgpconfigurations.crd.projectcalico.org");
        await Plane.KubectlAsync(["delete", "--ignore-not-found", "--wait=true", .. GatewayApiCrds.Names.Select(n => "crd/" + n)]);
        await Plane.KubectlAsync(["delete", "--ignore-not-found", "--wait=true", .. MultusCalicoOperatorCrds.Names.Select(n => "crd/" + n)]);
        await Plane.KubectlAsync(PolicyApiCrds.Delete);
        await Plane.KubectlAsync(CalicoPolicyCrds.Delete);
        await using var source = Source(Plane.AdminConfig());
        source.RequestLog = [];
        await source.StartAsync(CancellationToken.None);

        // No Calico CRDs yet: those two kinds are "not served", the rest syncs.
        var before = await LiveWait.ForAsync(source.Store, AllSettled, "first sync", TimeSpan.FromSeconds(15));
        Assert.Equal(KindState.NotServed, before.StatusOf(ResourceKind.IpPools).State);
        Assert.Equal(KindState.NotServed, before.StatusOf(ResourceKind.BgpConfigurations).State);
        Assert.All(GatewayApiCrds.Kinds, k => Assert.Equal(KindState.NotServed, before.StatusOf(k).State));
        Assert.All(MultusCalicoOperatorCrds.Kinds, k => Assert.Equal(KindState.NotServed, before.StatusOf(k).State));
        Assert.All(PolicyApiCrds.Kinds, k => Assert.Equal(KindState.NotServed, before.StatusOf(k).State));
        Assert.All(CalicoPolicyCrds.Kinds, k => Assert.Equal(KindState.NotServed, before.StatusOf(k).State));
        Assert.Equal(KindState.Synced, before.StatusOf(ResourceKind.Pods).State);
        Assert.True(source.Store.InitialSyncComplete);

        await Plane.ApplyAsync(CalicoCrds);
        await Plane.KubectlAsync("wait", "--for=condition=established", "--timeout=30s", "crd/ippools.crd.projectcalico.org", "crd/bgpconfigurations.crd.projectcalico.org");
        await Plane.ApplyAsync(GatewayApiCrds.Manifest);
        await Plane.KubectlAsync(GatewayApiCrds.WaitEstablished);
        await Plane.ApplyAsync(MultusCalicoOperatorCrds.Manifest);
        await Plane.KubectlAsync(MultusCalicoOperatorCrds.WaitEstablished);
        await Plane.ApplyAsync(PolicyApiCrds.Manifest);
        await Plane.KubectlAsync(PolicyApiCrds.WaitEstablished);
        await Plane.ApplyAsync(CalicoPolicyCrds.Manifest);
        await Plane.KubectlAsync(CalicoPolicyCrds.WaitEstablished);
        await Plane.CreateNodeAsync("it-every-node", "10.244.1.0/24", "192.168.50.11");
        await Plane.ApplyAsync(EveryKindManifest(ns));
        await Plane.SetPodStatusAsync(ns, "web-0", "Running", "10.244.1.10", ready: true, hostIp: "192.168.50.11");

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => s.Kinds.Values.All(k => k.State == KindState.Synced)
                && s.IpPools.Count == 1 && s.BgpConfigurations.Count == 1 && s.Workloads.Count(w => w.Namespace == ns) == 3
                && s.Pods.Get(ns, "web-0")?.PodIp == "10.244.1.10"
                && s.EndpointsOf(s.Services.Get(ns, "web")!).Any(e => e.Addresses.Any(a => a.Ip == "10.244.1.10"))
                && s.ConfigMaps.Get(ns, "kube-proxy") is not null && s.Ingresses.Get(ns, "web") is not null,
            "every kind synced with the test objects",
            TimeSpan.FromSeconds(20));

        Assert.Equal("10.244.1.0/24", Assert.Single(snap.Nodes.Get("", "it-every-node")!.PodCidrs));
        Assert.Equal("net", snap.Namespaces.Get("", ns)!.Labels["team"]);
        Assert.Equal("discovery.k8s.io/v1beta1", snap.StatusOf(ResourceKind.Endpoints).ApiVersion);
        Assert.Equal("EndpointSlice", snap.EndpointsOf(snap.Services.Get(ns, "web")!).First().SourceKind);
        Assert.Equal("it-nginx", snap.Ingresses.Get(ns, "web")!.IngressClassName);
        Assert.Equal("k8s.io/ingress-nginx", snap.IngressClasses.Get("", "it-nginx")!.Controller);
        Assert.NotNull(snap.NetworkPolicies.Get(ns, "deny-all"));
        Assert.Equal(["DaemonSet", "Deployment", "StatefulSet"], snap.Workloads.Where(w => w.Namespace == ns).Select(w => w.Kind).Order());
        Assert.Equal("mode: ipvs", snap.ConfigMaps.Get(ns, "kube-proxy")!.Data["config.conf"]);
        Assert.Null(snap.ConfigMaps.Get(ns, "app-settings"));
        var pool = Assert.Single(snap.IpPools);
        Assert.Equal(("10.245.0.0/16", "Always", 26), (pool.Cidr, pool.IpipMode, pool.BlockSize));
        Assert.False(Assert.Single(snap.BgpConfigurations).NodeToNodeMeshEnabled);
        Assert.Equal("crd.projectcalico.org/v1", snap.StatusOf(ResourceKind.IpPools).ApiVersion);

        await ServerState.WaitForEqualAsync(source.Store, Plane.AdminConfig());

        List<string> requests;
        lock (source.RequestLog)
        {
            requests = [.. source.RequestLog];
        }

        Assert.DoesNotContain(requests, r => r.Contains("secrets", StringComparison.OrdinalIgnoreCase));
        Assert.All(requests.Where(r => r.Contains("/configmaps", StringComparison.Ordinal)), r => Assert.Contains("fieldSelector=metadata.name", r));
    }

    [Fact]
    public async Task Pod_CreatedPatchedDeleted_ShowsInSnapshotWithin2s()
    {
        const string ns = "it-lifecycle";
        using var client = Plane.AdminClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        // Default options: the 200 ms coalescing a user gets.
        await using var source = Source(Plane.AdminConfig(), new LiveSourceOptions());
        await source.StartAsync(CancellationToken.None);
        await LiveWait.ForAsync(source.Store, s => AllSettled(s) && s.Namespaces.Get("", ns) is not null, "first sync", TimeSpan.FromSeconds(15));
        var limit = TimeSpan.FromSeconds(2);

        await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "api-0", Labels = new Dictionary<string, string> { ["app"] = "api" } },
                Spec = new V1PodSpec { NodeName = "node-x", Containers = [new V1Container { Name = "api", Image = "php:alpine" }] },
            },
            ns);
        var created = Stopwatch.StartNew();
        await LiveWait.ForAsync(source.Store, s => s.Pods.Get(ns, "api-0") is not null, "the created pod", limit);
        Output.WriteLine($"created → snapshot in {created.ElapsedMilliseconds} ms");

        await Plane.SetPodStatusAsync(ns, "api-0", "Running", "10.244.2.5");
        var patched = Stopwatch.StartNew();
        await LiveWait.ForAsync(source.Store, s => s.Pods.Get(ns, "api-0")?.PodIp == "10.244.2.5", "the pod's first IP", limit);
        Output.WriteLine($"patched → snapshot in {patched.ElapsedMilliseconds} ms");

        // A restart with a new IP, as in the notes: same pod name, new address.
        await Plane.SetPodStatusAsync(ns, "api-0", "Running", "10.244.2.9");
        var repatched = Stopwatch.StartNew();
        var snap = await LiveWait.ForAsync(source.Store, s => s.Pods.Get(ns, "api-0")?.PodIp == "10.244.2.9", "the pod's new IP", limit);
        Output.WriteLine($"new IP → snapshot in {repatched.ElapsedMilliseconds} ms");
        Assert.True(snap.Pods.Get(ns, "api-0")!.Ready);

        await client.CoreV1.DeleteNamespacedPodAsync("api-0", ns, new V1DeleteOptions { GracePeriodSeconds = 0 });
        var deleted = Stopwatch.StartNew();
        await LiveWait.ForAsync(source.Store, s => s.Pods.Get(ns, "api-0") is null, "the pod gone", limit);
        Output.WriteLine($"deleted → snapshot in {deleted.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task NobodyUser_KindsForbidden_SourceKeepsRunningAndRecoversWhenGranted()
    {
        await using var source = Source(Plane.NobodyConfig(), name: "nobody");
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => s.Kinds.Where(k => k.Key is not (ResourceKind.IpPools or ResourceKind.BgpConfigurations) && !GatewayApiCrds.Kinds.Contains(k.Key) && !MultusCalicoOperatorCrds.Kinds.Contains(k.Key) && !PolicyApiCrds.Kinds.Contains(k.Key) && !CalicoPolicyCrds.Kinds.Contains(k.Key)).All(k => k.Value.State == KindState.Forbidden)
                && PolicyApiCrds.Kinds.All(k => s.StatusOf(k).State is KindState.Forbidden or KindState.NotServed)
                && CalicoPolicyCrds.Kinds.All(k => s.StatusOf(k).State is KindState.Forbidden or KindState.NotServed)
                && s.StatusOf(ResourceKind.IpPools).State is KindState.Forbidden or KindState.NotServed
                && GatewayApiCrds.Kinds.All(k => s.StatusOf(k).State is KindState.Forbidden or KindState.NotServed)
                && MultusCalicoOperatorCrds.Kinds.All(k => s.StatusOf(k).State is KindState.Forbidden or KindState.NotServed),
            "every kind forbidden",
            TimeSpan.FromSeconds(15));

        var pods = snap.StatusOf(ResourceKind.Pods);
        Assert.Equal("forbidden", pods.StateName);
        Assert.Contains("User \"nobody\" cannot list resource \"pods\"", pods.Message);
        Assert.Contains("verbs [list, watch] on resource \"pods\"", pods.Message);
        Assert.Contains("resourceNames [", snap.StatusOf(ResourceKind.ConfigMaps).Message);
        Assert.Contains("apiGroup \"apps\"", snap.StatusOf(ResourceKind.Deployments).Message);
        Assert.Equal(ConnectionState.Connected, snap.Connection);
        Assert.True(source.Store.InitialSyncComplete);

        // Still running: granting list/watch on pods makes that kind sync without a restart.
        const string grant = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: it-nobody-pods}
            rules: [{apiGroups: [""], resources: [pods], verbs: [list, watch]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: it-nobody-pods}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: it-nobody-pods}
            subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: nobody}]
            """;
        await Plane.ApplyAsync(grant);
        try
        {
            var granted = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Pods).State == KindState.Synced, "pods synced after the grant", TimeSpan.FromSeconds(15));
            Assert.Equal(KindState.Forbidden, granted.StatusOf(ResourceKind.Services).State);
        }
        finally
        {
            await Plane.KubectlAsync("delete", "clusterrolebinding/it-nobody-pods", "clusterrole/it-nobody-pods", "--ignore-not-found");
        }
    }

    [Fact]
    public async Task ConfigMaps_RoleWithResourceNamesOnly_ListsAndWatchesJustThoseNames()
    {
        const string ns = "it-cm";
        await Plane.KubectlAsync("create", "namespace", ns);
        await Plane.ApplyAsync($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: kube-proxy, namespace: {{ns}}}
            data: {config.conf: "mode: iptables"}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: it-cm-by-name}
            rules: [{apiGroups: [""], resources: [configmaps], verbs: [list, watch], resourceNames: [kube-proxy, coredns]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: it-cm-by-name}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: it-cm-by-name}
            subjects: [{kind: ServiceAccount, name: cm-reader, namespace: {{ns}}}]
            """);
        var token = await Plane.ServiceAccountTokenAsync(ns, "cm-reader");
        var options = TestOptions with { Kinds = [ResourceKind.ConfigMaps], ConfigMapNames = ["kube-proxy", "coredns", "kube-flannel-cfg"] };
        await using var source = Source(Plane.ConfigForToken(token), options, "cm-reader");
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.ConfigMaps.Get(ns, "kube-proxy") is not null && AllSettled(s), "kube-proxy ConfigMap", TimeSpan.FromSeconds(15));
        var status = snap.StatusOf(ResourceKind.ConfigMaps);
        Assert.Equal(KindState.Forbidden, status.State);
        Assert.Contains("kube-flannel-cfg: configmaps \"kube-flannel-cfg\" is forbidden", status.Message);
        Assert.DoesNotContain("kube-proxy:", status.Message);
        Assert.DoesNotContain("coredns:", status.Message);

        // The watch (not just the list) is allowed by resourceNames: a change arrives.
        await Plane.KubectlAsync("-n", ns, "patch", "configmap", "kube-proxy", "--type=merge", "-p", "{\"data\":{\"config.conf\":\"mode: ipvs\"}}");
        await LiveWait.ForAsync(source.Store, s => s.ConfigMaps.Get(ns, "kube-proxy")?.Data["config.conf"] == "mode: ipvs", "the ConfigMap change via watch", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ApiServerRestart_ObjectsChangedBeforeReconnect_SnapshotEqualsServer()
    {
        const string ns = "it-restart";
        using (var setup = Plane.AdminClient())
        {
            await setup.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            foreach (var name in new[] { "p1", "p2", "p3" })
            {
                await setup.CoreV1.CreateNamespacedPodAsync(Pod(name), ns);
            }

            await setup.CoreV1.CreateNamespacedServiceAsync(Service("svc-old"), ns);
        }

        await Plane.SetPodStatusAsync(ns, "p2", "Running", "10.244.3.2");
        await using var relay = new LoopbackTcpRelay(Plane.ApiServerPort);
        var config = Plane.AdminConfig();
        config.Host = relay.Url;
        await using var source = Source(config);
        await source.StartAsync(CancellationToken.None);
        await LiveWait.ForAsync(source.Store, s => AllSettled(s) && s.Pods.Count(p => p.Namespace == ns) == 3, "first sync", TimeSpan.FromSeconds(15));

        await Plane.KillApiServerAsync();
        var down = await LiveWait.ForAsync(
            source.Store,
            s => s.Connection == ConnectionState.Disconnected && s.StatusOf(ResourceKind.Pods).State == KindState.Reconnecting,
            "disconnected while the API server is down");
        Assert.Contains("cannot reach the API server", down.ConnectionMessage);
        Assert.Equal(3, down.Pods.Count(p => p.Namespace == ns)); // last known state is kept

        // Keep the source away until the restarted server has changed behind its back.
        relay.Block();
        await Plane.StartApiServerAsync();
        using (var admin = Plane.AdminClient())
        {
            await admin.CoreV1.DeleteNamespacedPodAsync("p1", ns, new V1DeleteOptions { GracePeriodSeconds = 0 });
            await admin.CoreV1.CreateNamespacedPodAsync(Pod("p4"), ns);
            await admin.CoreV1.CreateNamespacedServiceAsync(Service("svc-new"), ns);
        }

        // kubectl: 1.20 answers a Service DELETE with a Status that KubernetesClient cannot read as V1Service.
        await Plane.KubectlAsync("-n", ns, "delete", "service", "svc-old");

        await Plane.SetPodStatusAsync(ns, "p2", "Running", "10.244.3.22");
        await Plane.SetPodStatusAsync(ns, "p4", "Running", "10.244.3.4");
        relay.Unblock();

        await LiveWait.ForAsync(
            source.Store,
            s => s.Connection == ConnectionState.Connected && s.Kinds.Values.All(k => k.State is KindState.Synced or KindState.NotServed)
                && s.Pods.Get(ns, "p4")?.PodIp == "10.244.3.4",
            "reconnected and synced",
            TimeSpan.FromSeconds(20));
        var snap = await ServerState.WaitForEqualAsync(source.Store, Plane.AdminConfig());

        Assert.Equal(["p2", "p3", "p4"], snap.Pods.Where(p => p.Namespace == ns).Select(p => p.Name));
        Assert.Equal("10.244.3.22", snap.Pods.Get(ns, "p2")!.PodIp);
        Assert.Equal(["svc-new"], snap.Services.Where(s => s.Namespace == ns).Select(s => s.Name));
        Output.WriteLine($"pods: lists {source.StatsOf(ResourceKind.Pods).Single().Lists}, relists after 410 {source.StatsOf(ResourceKind.Pods).Single().RelistsAfterExpiry}");
    }

    [Fact]
    public async Task ExpiredResourceVersion_CompactedWhileWatchWasDown_RelistsAndDropsDeletedObjects()
    {
        const string ns = "it-expired";
        using var admin = Plane.AdminClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await admin.CoreV1.CreateNamespacedPodAsync(Pod("old-1"), ns);
        await admin.CoreV1.CreateNamespacedPodAsync(Pod("old-2"), ns);
        await using var relay = new LoopbackTcpRelay(Plane.ApiServerPort);
        var config = Plane.AdminConfig();
        config.Host = relay.Url;
        await using var source = Source(config, TestOptions with { Kinds = [ResourceKind.Pods, ResourceKind.Services] });
        await source.StartAsync(CancellationToken.None);
        await LiveWait.ForAsync(source.Store, s => AllSettled(s) && s.Pods.Count(p => p.Namespace == ns) == 2, "first sync", TimeSpan.FromSeconds(15));
        var relistsBefore = source.StatsOf(ResourceKind.Pods).Single().RelistsAfterExpiry;

        // Cut the watch, change things, compact etcd past the source's resourceVersion, and restart the API server so
        // its watch cache starts after that version too: the source's re-watch must get 410 Gone and relist.
        relay.Block();
        await admin.CoreV1.DeleteNamespacedPodAsync("old-1", ns, new V1DeleteOptions { GracePeriodSeconds = 0 });
        await admin.CoreV1.CreateNamespacedPodAsync(Pod("new-1"), ns);
        var revision = await Plane.CompactEtcdAsync();
        Output.WriteLine($"compacted etcd at revision {revision}");
        await Plane.RestartApiServerAsync();
        relay.Unblock();

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => s.Pods.Get(ns, "new-1") is not null && s.Pods.Get(ns, "old-1") is null,
            "the relisted pods",
            TimeSpan.FromSeconds(20));

        Assert.True(source.StatsOf(ResourceKind.Pods).Single().RelistsAfterExpiry > relistsBefore, "the pods watch did not relist after 410 Gone");
        Assert.Equal(["new-1", "old-2"], snap.Pods.Where(p => p.Namespace == ns).Select(p => p.Name));
        var final = await ServerState.WaitForEqualAsync(source.Store, Plane.AdminConfig(), [ResourceKind.Pods, ResourceKind.Services]);
        Assert.Equal(KindState.Synced, final.StatusOf(ResourceKind.Pods).State);
    }

    [Fact]
    public async Task PagedList_EtcdCompactedBetweenPages_ListsAgainWithoutPaging()
    {
        const string ns = "it-paging";
        using var admin = Plane.AdminClient();
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        for (var i = 0; i < 6; i++)
        {
            await admin.CoreV1.CreateNamespacedPodAsync(Pod($"page-{i}"), ns);
        }

        await using var source = Source(Plane.AdminConfig(), TestOptions with { Kinds = [ResourceKind.Pods], PageSize = 2 });
        var compacted = 0;
        source.AfterListPage = async (kind, page, _) =>
        {
            if (kind == ResourceKind.Pods && Interlocked.Exchange(ref compacted, 1) == 0)
            {
                // A write moves etcd past the list's revision; compacting there expires the continue token.
                await admin.CoreV1.CreateNamespacedPodAsync(Pod("late"), ns);
                Output.WriteLine($"after page {page}: compacted etcd at {await Plane.CompactEtcdAsync()}");
            }
        };
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Pods).State == KindState.Synced, "pods synced", TimeSpan.FromSeconds(15));

        Assert.Equal(1, compacted);
        Assert.Equal(1, source.StatsOf(ResourceKind.Pods).Single().ContinueExpired);
        Assert.Equal(7, snap.Pods.Count(p => p.Namespace == ns));
        await ServerState.WaitForEqualAsync(source.Store, Plane.AdminConfig(), [ResourceKind.Pods]);
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "it" } },
        Spec = new V1PodSpec { NodeName = "node-x", Containers = [new V1Container { Name = "c", Image = "nginx" }] },
    };

    private static V1Service Service(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "it" }, Ports = [new V1ServicePort { Port = 80 }] },
    };

    internal const string CalicoCrds = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: ippools.crd.projectcalico.org}
        spec:
          group: crd.projectcalico.org
          scope: Cluster
          names: {kind: IPPool, listKind: IPPoolList, plural: ippools, singular: ippool}
          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: bgpconfigurations.crd.projectcalico.org}
        spec:
          group: crd.projectcalico.org
          scope: Cluster
          names: {kind: BGPConfiguration, listKind: BGPConfigurationList, plural: bgpconfigurations, singular: bgpconfiguration}
          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
        """;

    private static string EveryKindManifest(string ns) => $$$"""
        apiVersion: v1
        kind: Namespace
        metadata: {name: {{{ns}}}, labels: {team: net}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-0, namespace: {{{ns}}}, labels: {app: web}}
        spec:
          nodeName: it-every-node
          containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}]}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: {{{ns}}}}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: {{{ns}}}}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: it-nginx}
        spec: {controller: k8s.io/ingress-nginx}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: {{{ns}}}}
        spec:
          ingressClassName: it-nginx
          rules:
          - host: web.example
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service: {name: web, port: {number: 80}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: {{{ns}}}}
        spec:
          selector: {matchLabels: {app: agent}}
          template: {metadata: {labels: {app: agent}}, spec: {hostNetwork: true, containers: [{name: agent, image: busybox}]}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: {{{ns}}}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx}]}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: {{{ns}}}}
        spec:
          serviceName: web
          selector: {matchLabels: {app: db}}
          template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres}]}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kube-proxy, namespace: {{{ns}}}}
        data: {config.conf: "mode: ipvs"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: app-settings, namespace: {{{ns}}}}
        data: {DB_URL: "postgres://db"}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db-password, namespace: {{{ns}}}}
        stringData: {password: hunter2}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: IPPool
        metadata: {name: it-default-ipv4-ippool}
        spec: {cidr: 10.245.0.0/16, ipipMode: Always, vxlanMode: Never, natOutgoing: true, blockSize: 26}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: BGPConfiguration
        metadata: {name: default}
        spec: {nodeToNodeMeshEnabled: false, asNumber: 64512}
        """;
}
