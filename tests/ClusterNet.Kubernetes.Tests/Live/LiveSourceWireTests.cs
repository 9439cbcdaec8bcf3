using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Kubernetes.Tests.Live.Mock;
using k8s;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Rare wire conditions a real API server seldom produces on demand, against a loopback HTTP server streaming
/// newline-delimited watch events: malformed lines, 410 mid-stream, dropped connections, bookmarks, paging.
/// </summary>
public sealed class LiveSourceWireTests(ITestOutputHelper output)
{
    private const string Pods = "/api/v1/pods";
    private const string Nodes = "/api/v1/nodes";

    private static readonly LiveSourceOptions FastOptions = new()
    {
        Coalesce = TimeSpan.FromMilliseconds(20),
        BackoffMin = TimeSpan.FromMilliseconds(50),
        BackoffMax = TimeSpan.FromMilliseconds(200),
        ForbiddenRetry = TimeSpan.FromSeconds(30),
        NotServedRetry = TimeSpan.FromSeconds(30),
        Kinds = [ResourceKind.Pods],
    };

    private LiveClusterSource Source(MockKubeApiServer server, LiveSourceOptions? options = null) =>
        new(new KubernetesClientConfiguration { Host = server.Url }, new SourceInfo("kubeconfig", "mock"), options ?? FastOptions, TestOutputLoggerProvider.Factory(output));

    private static string PodA(string rv, string ip = "10.244.1.2") => KubeJson.Pod("dev", "a", rv, ip);

    [Fact]
    public async Task Watch_MalformedLine_RewatchesFromLastGoodVersionWithoutRelist()
    {
        var api = new ScriptedApi()
            .List(Pods, KubeJson.List("PodList", "10", PodA("10")))
            .Watch(Pods, async (_, w) =>
            {
                await w.LineAsync(KubeJson.Event("ADDED", KubeJson.Pod("dev", "b", "11", "10.244.1.3")));
                await w.LineAsync("{\"type\":\"ADDED\",\"object\":{\"metadata\":"); // torn JSON
                await Task.Delay(TimeSpan.FromSeconds(5));
            })
            .WatchLinesThenEnd(Pods, KubeJson.Event("ADDED", KubeJson.Pod("dev", "c", "12", "10.244.1.4")));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server);
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.Pods.Count == 3, "pods a, b, c");

        Assert.Equal(["a", "b", "c"], snap.Pods.Select(p => p.Name));
        var watches = server.RequestsFor(Pods).Where(r => r.IsWatch).ToList();
        Assert.Equal("10", watches[0].ResourceVersion);
        Assert.Equal("11", watches[1].ResourceVersion);
        Assert.Equal(1, source.StatsOf(ResourceKind.Pods).Single().Lists);
    }

    [Fact]
    public async Task Watch_ErrorEvent410MidStream_RelistsAndDropsObjectsDeletedInTheGap()
    {
        var api = new ScriptedApi()
            .List(Pods, KubeJson.List("PodList", "10", PodA("10"), KubeJson.Pod("dev", "b", "10", "10.244.1.3")))
            .List(Pods, KubeJson.List("PodList", "20", PodA("19", "10.244.1.9"), KubeJson.Pod("dev", "c", "20", "10.244.1.4")))
            .Watch(Pods, async (_, w) =>
            {
                await w.LineAsync(KubeJson.Event("MODIFIED", PodA("11", "10.244.1.5")));
                await w.LineAsync(KubeJson.ErrorEvent(410, "Expired", "too old resource version: 11 (15)"));
                await Task.Delay(TimeSpan.FromSeconds(5));
            });
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server);
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.Pods.Get("dev", "c") is not null, "pod c from the relist");

        Assert.Equal(["a", "c"], snap.Pods.Select(p => p.Name));
        Assert.Equal("10.244.1.9", snap.Pods.Get("dev", "a")!.PodIp);
        var stats = source.StatsOf(ResourceKind.Pods).Single();
        Assert.Equal(1, stats.RelistsAfterExpiry);
        Assert.Equal(2, stats.Lists);
        Assert.Equal("20", server.RequestsFor(Pods).Last(r => r.IsWatch).ResourceVersion);
        Assert.Equal(KindState.Synced, snap.StatusOf(ResourceKind.Pods).State);
    }

    [Fact]
    public async Task Watch_ErrorEvent500_RewatchesFromSameVersionWithoutRelist()
    {
        var api = new ScriptedApi()
            .List(Pods, KubeJson.List("PodList", "10", PodA("10")))
            .WatchLinesThenEnd(Pods, KubeJson.ErrorEvent(500, "InternalError", "etcd leader changed"))
            .WatchLinesThenEnd(Pods, KubeJson.Event("ADDED", KubeJson.Pod("dev", "b", "11")));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server);
        await source.StartAsync(CancellationToken.None);

        await LiveWait.ForAsync(source.Store, s => s.Pods.Get("dev", "b") is not null, "pod b from the second watch");

        var stats = source.StatsOf(ResourceKind.Pods).Single();
        Assert.Equal((1, 0), (stats.Lists, stats.RelistsAfterExpiry));
        Assert.Equal(["10", "10"], server.RequestsFor(Pods).Where(r => r.IsWatch).Take(2).Select(r => r.ResourceVersion));
    }

    [Fact]
    public async Task Watch_Http410OnWatchRequest_Relists()
    {
        var api = new ScriptedApi()
            .List(Pods, KubeJson.List("PodList", "10", PodA("10")))
            .List(Pods, KubeJson.List("PodList", "30", KubeJson.Pod("dev", "z", "30")))
            .Watch(Pods, (_, w) => w.StatusAsync(410, "Gone", "resourceVersion 10 is too old"));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server);
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.Pods.Get("dev", "z") is not null, "pod z from the relist");

        Assert.Equal(["z"], snap.Pods.Select(p => p.Name));
        Assert.Equal(1, source.StatsOf(ResourceKind.Pods).Single().RelistsAfterExpiry);
    }

    [Fact]
    public async Task Watch_ConnectionDroppedMidStream_ReconnectsAndResumesFromLastVersion()
    {
        var dropped = new TaskCompletionSource();
        var api = new ScriptedApi()
            .List(Pods, KubeJson.List("PodList", "10", PodA("10")))
            .Watch(Pods, async (_, w) =>
            {
                await w.LineAsync(KubeJson.Event("ADDED", KubeJson.Pod("dev", "b", "11", "10.244.1.3")));
                await Task.Delay(100);
                w.Abort();
                dropped.SetResult();
            })
            .Watch(Pods, async (_, w) =>
            {
                await w.LineAsync(KubeJson.Event("DELETED", PodA("12")));
                await Task.Delay(TimeSpan.FromSeconds(5));
            });
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server);
        await source.StartAsync(CancellationToken.None);

        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var snap = await LiveWait.ForAsync(source.Store, s => s.Pods.Count == 1 && s.Pods.Get("dev", "b") is not null, "only pod b after a's deletion");

        Assert.Equal("11", server.RequestsFor(Pods).Where(r => r.IsWatch).ElementAt(1).ResourceVersion);
        Assert.Equal(1, source.StatsOf(ResourceKind.Pods).Single().Lists);
        Assert.Equal(ConnectionState.Connected, snap.Connection);
    }

    [Fact]
    public async Task Watch_BookmarkThenNormalEnd_RewatchesFromBookmarkVersion()
    {
        var api = new ScriptedApi()
            .List(Pods, KubeJson.List("PodList", "10", PodA("10")))
            .WatchLinesThenEnd(Pods, KubeJson.Bookmark("Pod", "57"));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server);
        await source.StartAsync(CancellationToken.None);

        await LiveWait.ForAsync(source.Store, _ => server.RequestsFor(Pods).Count(r => r.IsWatch) >= 2, "a second watch");

        var watches = server.RequestsFor(Pods).Where(r => r.IsWatch).ToList();
        Assert.Equal("10", watches[0].ResourceVersion);
        Assert.Equal("57", watches[1].ResourceVersion);
        Assert.Equal("true", watches[0].Query["allowWatchBookmarks"]);
        Assert.Equal(1, source.StatsOf(ResourceKind.Pods).Single().Lists);
    }

    [Fact]
    public async Task List_Paged_ReportsProgressFromRemainingItemCount()
    {
        var secondPage = new TaskCompletionSource();
        var api = new ScriptedApi()
            .List(Pods, async (r, w) =>
            {
                if (r.Query["continue"] is null)
                {
                    await w.JsonAsync(200, KubeJson.Page("PodList", "10", "tok-1", 3, PodA("10"), KubeJson.Pod("dev", "b", "10")));
                }
                else
                {
                    Assert.Equal("tok-1", r.Query["continue"]);
                    await secondPage.Task;
                    await w.JsonAsync(200, KubeJson.Page("PodList", "10", null, null, KubeJson.Pod("dev", "c", "10"), KubeJson.Pod("dev", "d", "10"), KubeJson.Pod("dev", "e", "10")));
                }
            });
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server, FastOptions with { PageSize = 2 });
        await source.StartAsync(CancellationToken.None);

        var during = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Pods).Loaded == 2, "progress after the first page");
        Assert.Equal(KindState.Syncing, during.StatusOf(ResourceKind.Pods).State);
        Assert.Equal(5, during.StatusOf(ResourceKind.Pods).Expected);
        Assert.False(source.Store.InitialSyncComplete);
        secondPage.SetResult();

        var done = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Pods).State == KindState.Synced, "pods synced");
        Assert.Equal(5, done.Pods.Count);
        Assert.Equal("2", server.RequestsFor(Pods)[0].Query["limit"]);
        Assert.True(source.Store.InitialSyncComplete);
    }

    [Fact]
    public async Task List_ContinueTokenExpired_ListsAgainWithoutPaging()
    {
        var api = new ScriptedApi()
            .List(Pods, async (r, w) =>
            {
                if (r.Query["limit"] is null)
                {
                    await w.JsonAsync(200, KubeJson.List("PodList", "40", PodA("40"), KubeJson.Pod("dev", "new", "40")));
                }
                else if (r.Query["continue"] is null)
                {
                    await w.JsonAsync(200, KubeJson.Page("PodList", "10", "tok-1", 1, PodA("10")));
                }
                else
                {
                    await w.StatusAsync(410, "Expired", "The provided continue parameter is too old to display a consistent list result.");
                }
            });
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server, FastOptions with { PageSize = 1 });
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Pods).State == KindState.Synced, "pods synced");

        Assert.Equal(["a", "new"], snap.Pods.Select(p => p.Name));
        Assert.Equal(1, source.StatsOf(ResourceKind.Pods).Single().ContinueExpired);
        Assert.Equal("40", server.RequestsFor(Pods).Single(r => r.IsWatch).ResourceVersion);
    }

    [Fact]
    public async Task List_Forbidden_MarksOnlyThatKindWithServerMessageAndRbacHint()
    {
        var api = new ScriptedApi()
            .List(Pods, (_, w) => w.StatusAsync(403, "Forbidden", "pods is forbidden: User \"nobody\" cannot list resource \"pods\" in API group \"\" at the cluster scope"))
            .List(Nodes, KubeJson.List("NodeList", "5", KubeJson.Node("node-1", "5")));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server, FastOptions with { Kinds = [ResourceKind.Pods, ResourceKind.Nodes] });
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => s.StatusOf(ResourceKind.Pods).State == KindState.Forbidden && s.StatusOf(ResourceKind.Nodes).State == KindState.Synced,
            "pods forbidden, nodes synced");

        var pods = snap.StatusOf(ResourceKind.Pods);
        Assert.Equal("forbidden", pods.StateName);
        Assert.Contains("cannot list resource \"pods\"", pods.Message);
        Assert.Contains("verbs [list, watch] on resource \"pods\" in apiGroup \"\"", pods.Message);
        Assert.Single(snap.Nodes);
        Assert.Equal(ConnectionState.Connected, snap.Connection);
        Assert.True(source.Store.InitialSyncComplete);
    }

    [Fact]
    public async Task List_NotFound_MarksKindNotServed()
    {
        await using var server = new MockKubeApiServer(new ScriptedApi().HandleAsync);
        await using var source = Source(server, FastOptions with { Kinds = [ResourceKind.Ingresses] });
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Ingresses).State == KindState.NotServed, "ingresses not served");

        Assert.Equal("notserved", snap.StatusOf(ResourceKind.Ingresses).StateName);
        Assert.Contains("networking.k8s.io/v1", snap.StatusOf(ResourceKind.Ingresses).Message);
    }

    [Fact]
    public async Task Discovery_CalicoCrdsAbsent_NotServedWithoutRequestingThem()
    {
        await using var server = new MockKubeApiServer(new ScriptedApi().HandleAsync);
        await using var source = Source(server, FastOptions with { Kinds = [ResourceKind.IpPools, ResourceKind.BgpConfigurations] });
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => s.StatusOf(ResourceKind.IpPools).State == KindState.NotServed && s.StatusOf(ResourceKind.BgpConfigurations).State == KindState.NotServed,
            "calico kinds not served");

        Assert.Contains("ippools.crd.projectcalico.org/v1", snap.StatusOf(ResourceKind.IpPools).Message);
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("projectcalico", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("discovery.k8s.io/v1", "/apis/discovery.k8s.io/v1/endpointslices", "discovery.k8s.io/v1")]
    [InlineData("discovery.k8s.io/v1beta1", "/apis/discovery.k8s.io/v1beta1/endpointslices", "discovery.k8s.io/v1beta1")]
    [InlineData(null, "/api/v1/endpoints", "v1")]
    public async Task Endpoints_PicksServedApiAndRecordsIt(string? servedSliceVersion, string expectedPath, string expectedApiVersion)
    {
        const string v1beta1Slice = """
            {"metadata":{"name":"web-abc","namespace":"dev","resourceVersion":"5","labels":{"kubernetes.io/service-name":"web"}},
             "addressType":"IPv4","endpoints":[{"addresses":["10.244.1.2"],"conditions":{"ready":true},"topology":{"kubernetes.io/hostname":"node-1"}}],
             "ports":[{"name":"http","port":80,"protocol":"TCP"}]}
            """;
        const string endpoints = """
            {"metadata":{"name":"web","namespace":"dev","resourceVersion":"5"},
             "subsets":[{"addresses":[{"ip":"10.244.1.2","nodeName":"node-1"}],"ports":[{"name":"http","port":80,"protocol":"TCP"}]}]}
            """;
        var api = new ScriptedApi()
            .List("/apis/discovery.k8s.io/v1/endpointslices", KubeJson.List("EndpointSliceList", "5", v1beta1Slice.Replace("\"topology\"", "\"nodeName\":\"node-1\",\"x\"", StringComparison.Ordinal)))
            .List("/apis/discovery.k8s.io/v1beta1/endpointslices", KubeJson.List("EndpointSliceList", "5", v1beta1Slice))
            .List("/api/v1/endpoints", KubeJson.List("EndpointsList", "5", endpoints));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        if (servedSliceVersion is not null)
        {
            server.Served[servedSliceVersion] = ["endpointslices"];
        }

        await using var source = Source(server, FastOptions with { Kinds = [ResourceKind.Endpoints] });
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Endpoints).State == KindState.Synced, "endpoints synced");

        Assert.Equal(expectedApiVersion, snap.StatusOf(ResourceKind.Endpoints).ApiVersion);
        Assert.Equal(expectedPath, server.Requests.First(r => r.Path.Contains("endpoint", StringComparison.Ordinal) && !r.IsWatch).Path);
        var set = Assert.Single(snap.Endpoints);
        Assert.Equal("web", set.ServiceName);
        var address = Assert.Single(set.Addresses);
        Assert.Equal("10.244.1.2", address.Ip);
        Assert.Equal("node-1", address.NodeName);
    }

    [Fact]
    public async Task ConfigMaps_ReadOnePerNameWithFieldSelector_ObjectsWithOtherNamesRefused()
    {
        var api = new ScriptedApi().List("/api/v1/configmaps", async (r, w) =>
        {
            var selector = r.Query["fieldSelector"];
            var json = selector switch
            {
                "metadata.name=kube-proxy" => KubeJson.List("ConfigMapList", "7", """{"metadata":{"name":"kube-proxy","namespace":"kube-system","resourceVersion":"7"},"data":{"config.conf":"mode: ipvs"}}"""),
                // A server ignoring the selector must not make the source keep application ConfigMaps.
                "metadata.name=coredns" => KubeJson.List("ConfigMapList", "7", """{"metadata":{"name":"app-settings","namespace":"dev","resourceVersion":"7"},"data":{"password":"x"}}"""),
                _ => KubeJson.List("ConfigMapList", "7"),
            };
            await w.JsonAsync(200, json);
        });
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server, FastOptions with { Kinds = [ResourceKind.ConfigMaps], ConfigMapNames = ["kube-proxy", "coredns", "kube-flannel-cfg"] });
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.ConfigMaps).State == KindState.Synced, "configmaps synced");

        var cm = Assert.Single(snap.ConfigMaps);
        Assert.Equal(new ObjectKey("kube-system", "kube-proxy"), cm.Key);
        Assert.Equal(
            ["metadata.name=coredns", "metadata.name=kube-flannel-cfg", "metadata.name=kube-proxy"],
            server.RequestsFor("/api/v1/configmaps").Where(r => !r.IsWatch).Select(r => r.Query["fieldSelector"]).Order(StringComparer.Ordinal));
        Assert.Contains(snap.Diagnostics, d => d.Message.Contains("app-settings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Convert_BadObject_SkippedWithDiagnosticOthersKept()
    {
        var bad = """{"metadata":{"name":"bad","namespace":"dev","resourceVersion":"10"},"spec":{"containers":[{"name":"c","ports":[{"containerPort":"eighty"}]}]}}""";
        var api = new ScriptedApi().List(Pods, KubeJson.List("PodList", "10", PodA("10"), bad));
        await using var server = new MockKubeApiServer(api.HandleAsync);
        await using var source = Source(server);
        await source.StartAsync(CancellationToken.None);

        var snap = await LiveWait.ForAsync(source.Store, s => s.StatusOf(ResourceKind.Pods).State == KindState.Synced, "pods synced");

        Assert.Equal(["a"], snap.Pods.Select(p => p.Name));
        var diagnostic = Assert.Single(snap.Diagnostics);
        Assert.Equal("pods dev/bad", diagnostic.Object);
        Assert.Equal("error", diagnostic.Severity);
    }

    [Fact]
    public async Task Server_Unreachable_DisconnectedThenConnectedWhenItAnswers()
    {
        // A port bound for the whole test and never listening: connections to it are refused, and nothing else can be
        // given it meanwhile (reserving one and closing it left it free for any program to take).
        using var held = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        held.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)held.LocalEndPoint!).Port;
        await using var source = new LiveClusterSource(
            new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" }, new SourceInfo("kubeconfig", "down"), FastOptions, TestOutputLoggerProvider.Factory(output));
        await source.StartAsync(CancellationToken.None);

        var down = await LiveWait.ForAsync(source.Store, s => s.Connection == ConnectionState.Disconnected, "disconnected");
        Assert.Contains("cannot reach the API server", down.ConnectionMessage);
        Assert.Equal(KindState.Syncing, down.StatusOf(ResourceKind.Pods).State);
        Assert.False(source.Store.InitialSyncComplete);
    }

    [Fact]
    public void Options_Invalid_ThrowNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => new LiveSourceOptions { Kinds = ["secrets"] }.Validate());
        Assert.Contains("unknown kind 'secrets'", e.Message);
        Assert.Throws<ArgumentException>(() => new LiveSourceOptions { BackoffMin = TimeSpan.FromSeconds(5), BackoffMax = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Throws<ArgumentException>(() => new LiveSourceOptions { PageSize = 0 }.Validate());
    }
}
