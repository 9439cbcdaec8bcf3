using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Tests.Infrastructure;
using ClusterNet.Web.ClientIp;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ClientIpPage = ClusterNet.Web.Components.Pages.ClientIp;

namespace ClusterNet.Web.Tests.ClientIp;

/// <summary>
/// The Client IP page over the sample cluster plus an ingress-nginx controller, an Ingress and a NodePort app, on a feed
/// the test drives: publish, await, assert (no polling).
/// </summary>
public sealed class ClientIpPageTests : ShellTestContext
{
    private readonly ControlledSnapshotFeed _feed;

    public ClientIpPageTests()
        : base(new TestClusterSource(objects: [.. SampleCluster.Objects(), .. Extra()]))
    {
        _feed = new ControlledSnapshotFeed(Source.Store.Current);
        Services.AddSingleton<ISnapshotFeed>(_feed);
        Services.AddClientIpPage();
    }

    private static IEnumerable<IClusterObject> Extra()
    {
        var labels = LabelMap.Of(("app.kubernetes.io/name", "ingress-nginx"), ("app.kubernetes.io/component", "controller"));
        yield return new WorkloadInfo
        {
            Kind = "Deployment", Namespace = "ingress-nginx", Name = "ingress-nginx-controller", Labels = labels, TemplateLabels = labels,
            Selector = new LabelSelector { MatchLabels = labels },
            Containers = [new ContainerInfo { Name = "controller", Image = "registry.k8s.io/ingress-nginx/controller:v1.11.2" }],
        };
        yield return new PodInfo { Namespace = "ingress-nginx", Name = "ingress-nginx-controller-1", NodeName = "node01", Labels = labels, PodIps = ["10.244.1.9"], Ready = true, Phase = "Running" };
        yield return new ServiceInfo
        {
            Namespace = "ingress-nginx", Name = "ingress-nginx-controller", Type = "LoadBalancer", ExternalTrafficPolicy = "Local", HealthCheckNodePort = 32100,
            Selector = labels, ClusterIps = ["10.96.0.50"], Ports = [new ServicePortInfo("http", 80, NodePort: 31080)],
        };
        yield return new IngressClassInfo("nginx", "k8s.io/ingress-nginx", true);
        yield return new PodInfo { Namespace = "shop", Name = "web-1", NodeName = "node02", Labels = LabelMap.Of(("app", "shop")), PodIps = ["10.244.2.7"], Ready = true, Phase = "Running" };
        yield return new ServiceInfo
        {
            Namespace = "shop", Name = "web", Type = "NodePort", Selector = LabelMap.Of(("app", "shop")), ClusterIps = ["10.96.0.60"],
            Ports = [new ServicePortInfo("http", 80, NodePort: 30081)],
        };
        yield return new IngressInfo
        {
            Namespace = "shop", Name = "web", IngressClassName = "nginx",
            Rules = [new IngressRuleInfo("shop.example.com", [new IngressPathInfo("/", "Prefix", "web", "80")])],
        };
    }

    private IRenderedComponent<ClientIpPage> RenderAt(string url)
    {
        Navigation.NavigateTo(url);
        return Render<ClientIpPage>();
    }

    [Fact]
    public void Service_ClusterPolicyNodePort_VerdictDiagramFixes()
    {
        var cut = RenderAt("/client-ip?service=shop/web");

        Assert.Contains("Lost", cut.Find("[data-testid=client-ip-verdict]").TextContent);
        var diagram = cut.Find("[data-testid=client-ip-diagram]");
        Assert.Equal("4", diagram.GetAttribute("data-hops"));
        Assert.Equal("1", diagram.GetAttribute("data-snat"));
        Assert.Contains("SNAT", diagram.TextContent);
        var risk = cut.Find("[data-testid=client-ip-risks] [data-code=cluster-policy-snat]");
        Assert.Contains("warning", risk.QuerySelector("[data-testid=finding-severity]")!.TextContent);
        Assert.Contains("externalTrafficPolicy: Local", risk.QuerySelector("[data-testid=finding-fix] pre")!.TextContent);
        Assert.Contains("kubectl -n shop patch service web", risk.QuerySelector("[data-testid=finding-fix] .cn-command")!.TextContent);
    }

    [Fact]
    public void Ingress_ControllerLocal_HeadersInAppView()
    {
        var cut = RenderAt("/client-ip?ingress=shop/web");

        Assert.Contains("In a header", cut.Find("[data-testid=client-ip-verdict]").TextContent);
        Assert.Equal("5", cut.Find("[data-testid=client-ip-diagram]").GetAttribute("data-hops"));
        Assert.Contains("10.244.1.9", cut.Find("[data-testid=app-socket]").TextContent);
        Assert.Contains("X-Forwarded-For", cut.Find(".cn-cip-app__list").TextContent);
        Assert.NotNull(cut.Find("[data-fix=app-aspnet-forwarded-headers]"));
    }

    [Fact]
    public void RouteChip_Click_PutsRouteInUrlAndShowsIt()
    {
        var cut = RenderAt("/client-ip?service=prod/web");
        Assert.Equal("lb", cut.Find(".cn-cip-route").GetAttribute("data-route"));

        cut.ClickWhenStable(() => cut.FindAll("[role=tab]").Single(t => t.TextContent.Contains("In-cluster", StringComparison.Ordinal)));

        Assert.Contains("route=in-cluster", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal("in-cluster", cut.Find(".cn-cip-route").GetAttribute("data-route"));
    }

    [Fact]
    public void NoSelection_OverviewRows_ClickSelects()
    {
        var cut = RenderAt("/client-ip");

        Assert.NotNull(cut.Find("[data-testid=client-ip-hint]"));
        var rows = cut.FindAll("[aria-label='Exposed services'] tbody tr");
        Assert.Equal(["ingress-nginx/ingress-nginx-controller", "prod/web", "shop/web", "shop/web"], rows.Select(r => r.QuerySelector("td[data-label=Service]")!.TextContent.Trim()));
        Assert.Contains("no: lost", rows[3].TextContent);

        cut.ClickWhenStable(() => cut.FindAll("[aria-label='Exposed services'] tbody tr")[3]);

        Assert.Contains("service=shop%2Fweb", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("Lost", cut.Find("[data-testid=client-ip-verdict]").TextContent);
    }

    [Fact]
    public void Decoder_Defaults_BothColumns()
    {
        var cut = RenderAt("/client-ip");

        Assert.Equal("203.0.113.7", cut.Find("[data-testid=decode-nginx-ip]").TextContent);
        Assert.Equal("203.0.113.7", cut.Find("[data-testid=decode-aspnet-ip]").TextContent);
        Assert.Contains("deciding step", cut.Find("[aria-label='nginx realip']").TextContent);
    }

    [Fact]
    public void Decoder_FromUrl_NoTrustedProxiesDisagree()
    {
        var url = Navigation.GetUriWithQueryParameters("/client-ip", new Dictionary<string, object?>
        {
            ["remote"] = "10.0.0.1",
            ["h"] = new[] { "X-Forwarded-For: 1.2.3.4", "X-Forwarded-For: 5.6.7.8" },
            ["trusted"] = "none",
        });
        var cut = RenderAt(url);

        Assert.Equal("10.0.0.1", cut.Find("[data-testid=decode-nginx-ip]").TextContent);
        Assert.Equal("5.6.7.8", cut.Find("[data-testid=decode-aspnet-ip]").TextContent);
        Assert.Contains("trusts every sender", cut.Find("[data-testid=decode-notes]").TextContent);
    }

    [Fact]
    public void Decoder_Defaults_EnvoyAndHaproxyColumns()
    {
        var cut = RenderAt("/client-ip");

        // Envoy's defaults (use_remote_address off, 0 hops): the last XFF entry; HAProxy believes the trusted 10.244.1.5.
        Assert.Equal("203.0.113.7", cut.Find("[data-testid=decode-envoy-ip]").TextContent);
        Assert.Contains("from X-Forwarded-For", cut.Find("[data-testid=decode-envoy-summary]").TextContent);
        Assert.Contains("use_remote_address off", cut.Find("[aria-label=Envoy]").TextContent);
        Assert.Contains("deciding step", cut.Find("[aria-label=Envoy]").TextContent);
        Assert.Equal("203.0.113.7", cut.Find("[data-testid=decode-haproxy-ip]").TextContent);
        Assert.Contains("src replaced", cut.Find("[data-testid=decode-haproxy-summary]").TextContent);
    }

    [Theory]
    [InlineData("ura=on", "10.244.1.5")]
    [InlineData("ura=on&hops=1", "203.0.113.7")]
    [InlineData("ura=on&hops=2", "6.6.6.6")]
    public void Decoder_EnvoySettingsFromUrl_EnvoyColumnFollows(string query, string expected)
    {
        var cut = RenderAt("/client-ip?" + query);

        Assert.Equal(expected, cut.Find("[data-testid=decode-envoy-ip]").TextContent);
        // The other readings do not depend on Envoy's settings.
        Assert.Equal("203.0.113.7", cut.Find("[data-testid=decode-nginx-ip]").TextContent);
    }

    [Fact]
    public void Decoder_NoTrustedProxies_HaproxyKeepsSocketPeer()
    {
        var cut = RenderAt("/client-ip?trusted=none");

        Assert.Equal("10.244.1.5", cut.Find("[data-testid=decode-haproxy-ip]").TextContent);
        Assert.Contains("src unchanged", cut.Find("[data-testid=decode-haproxy-summary]").TextContent);
    }

    [Fact]
    public void Decoder_BadHops_ErrorNamesField()
    {
        var cut = RenderAt("/client-ip?hops=two");

        Assert.Contains("xff-num-trusted-hops", cut.Find("[data-testid=decode-error]").TextContent);
    }

    [Fact]
    public async Task Decoder_EditEnvoySettings_WritesUrl()
    {
        var cut = RenderAt("/client-ip");

        var hops = cut.FindComponents<MudBlazor.MudTextField<string>>().Single(f => f.Instance.Label == "Envoy xff_num_trusted_hops");
        await cut.InvokeAsync(() => hops.Instance.ValueChanged.InvokeAsync("1"));
        var useRemote = cut.FindComponents<MudBlazor.MudSwitch<bool>>().Single(f => f.Instance.Label == "Envoy use_remote_address on");
        await cut.InvokeAsync(() => useRemote.Instance.ValueChanged.InvokeAsync(true));

        Assert.Contains("hops=1", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("ura=on", Navigation.Uri, StringComparison.Ordinal);
        // use_remote_address on with one trusted hop: the entry before the socket peer, i.e. XFF's last.
        Assert.Equal("203.0.113.7", cut.Find("[data-testid=decode-envoy-ip]").TextContent);
        Assert.Contains("use_remote_address on", cut.Find("[aria-label=Envoy]").TextContent);
    }

    [Fact]
    public void Decoder_BadRemote_ErrorShown()
    {
        var cut = RenderAt("/client-ip?remote=not-an-ip");

        Assert.Contains("not an IP address", cut.Find("[data-testid=decode-error]").TextContent);
    }

    [Fact]
    public async Task Decoder_EditTrusted_WritesUrl()
    {
        var cut = RenderAt("/client-ip");

        // The field's debounce is MudBlazor's (timed on its own schedule); the page's part starts at the field's ValueChanged.
        var trusted = cut.FindComponents<MudBlazor.MudTextField<string>>().Single(f => f.Instance.Label!.StartsWith("Trusted proxies", StringComparison.Ordinal));
        await cut.InvokeAsync(() => trusted.Instance.ValueChanged.InvokeAsync(""));

        Assert.Contains("trusted=none", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal("10.244.1.5", cut.Find("[data-testid=decode-nginx-ip]").TextContent);
    }

    [Fact]
    public async Task LiveSnapshot_PolicyChangedToLocal_VerdictFollows()
    {
        var cut = RenderAt("/client-ip?service=shop/web");
        Assert.Contains("Lost", cut.Find("[data-testid=client-ip-verdict]").TextContent);

        var svc = Source.Store.Current.Services.Get("shop", "web")!;
        await _feed.PublishAsync(Publish(s => s.Upsert(svc with { ExternalTrafficPolicy = "Local" })), ResourceKind.Services);

        Assert.Contains("Preserved", cut.Find("[data-testid=client-ip-verdict]").TextContent);
    }

    [Fact]
    public async Task LiveSnapshot_UnwatchedKindChanged_NoRecompute()
    {
        var cut = RenderAt("/client-ip?service=shop/web");
        var before = cut.RenderCount;

        await _feed.PublishAsync(Publish(_ => { }), ResourceKind.NetworkPolicies);

        Assert.Equal(before, cut.RenderCount);
    }

    [Fact]
    public void MalformedService_ErrorNamesTheParameter()
    {
        var cut = RenderAt("/client-ip?service=nope");

        Assert.Equal("service 'nope': expected NAMESPACE/NAME", cut.Find("[data-testid=client-ip-query-error]").TextContent.Trim());
    }

    [Fact]
    public void Ingress_AppFixes_ListedApartFromRisks()
    {
        var cut = RenderAt("/client-ip?ingress=shop/web");

        Assert.Contains("KnownIPNetworks", cut.Find("[data-fix=app-aspnet-forwarded-headers] pre").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=client-ip-risks] [data-code=app-aspnet-forwarded-headers]"));
    }

    [Fact]
    public void UnknownService_MissingObjectState()
    {
        var cut = RenderAt("/client-ip?service=shop/gone");

        Assert.Contains("Not in the current snapshot", cut.Markup);
    }
}
