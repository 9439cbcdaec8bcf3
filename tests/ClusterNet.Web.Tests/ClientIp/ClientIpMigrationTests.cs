using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.ClientIp;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ClientIpPage = ClusterNet.Web.Components.Pages.ClientIp;

namespace ClusterNet.Web.Tests.ClientIp;

/// <summary>
/// Issue 11 migration preview on the Client IP page (bUnit over a feed the test drives) and at
/// GET /api/client-ip/ingresses/{ns}/{name}/migration, and the decode endpoint's new Envoy fields.
/// </summary>
public sealed class ClientIpMigrationTests : ShellTestContext
{
    private readonly ControlledSnapshotFeed _feed;

    public ClientIpMigrationTests()
        : base(new TestClusterSource(objects: [.. SampleCluster.Objects(), .. Extra()]))
    {
        _feed = new ControlledSnapshotFeed(Source.Store.Current);
        Services.AddSingleton<ISnapshotFeed>(_feed);
        Services.AddClientIpPage();
    }

    /// <summary>An ingress-nginx controller behind an AWS load balancer with PROXY protocol on both ends, and an Ingress to shop/web.</summary>
    internal static IEnumerable<IClusterObject> Extra()
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
            Namespace = "ingress-nginx", Name = "ingress-nginx-controller", Type = "LoadBalancer", ExternalTrafficPolicy = "Cluster",
            Annotations = LabelMap.Of(("service.beta.kubernetes.io/aws-load-balancer-proxy-protocol", "*")),
            Selector = labels, ClusterIps = ["10.96.0.50"], Ports = [new ServicePortInfo("http", 80, NodePort: 31080)],
        };
        yield return new ConfigMapInfo { Namespace = "ingress-nginx", Name = "ingress-nginx-controller", Data = LabelMap.Of(("use-proxy-protocol", "true")) };
        yield return new IngressClassInfo("nginx", "k8s.io/ingress-nginx", true);
        yield return new PodInfo { Namespace = "shop", Name = "web-1", NodeName = "node02", Labels = LabelMap.Of(("app", "shop")), PodIps = ["10.244.2.7"], Ready = true, Phase = "Running" };
        yield return new ServiceInfo
        {
            Namespace = "shop", Name = "web", Type = "ClusterIP", Selector = LabelMap.Of(("app", "shop")), ClusterIps = ["10.96.0.60"],
            Ports = [new ServicePortInfo("http", 80)],
        };
        yield return new IngressInfo
        {
            Namespace = "shop", Name = "web", IngressClassName = "nginx",
            Rules = [new IngressRuleInfo("shop.example.com", [new IngressPathInfo("/", "Prefix", "web", "80")])],
        };
    }

    [Fact]
    public void Page_IngressNginxIngress_MigrationTableWithTodayAndKeepSettings()
    {
        Navigation.NavigateTo("/client-ip?ingress=shop/web");
        var cut = Render<ClientIpPage>();

        var section = cut.Find("[data-testid=client-ip-migration]");
        Assert.Contains("in a header", section.QuerySelector("tr[data-impl=today]")!.TextContent, StringComparison.Ordinal);
        var envoy = section.QuerySelector("tr[data-impl=EnvoyGateway]")!;
        Assert.Equal("false", envoy.GetAttribute("data-same"));
        Assert.Contains("broken", envoy.TextContent, StringComparison.Ordinal);
        Assert.Contains("proxyProtocol: {}", envoy.QuerySelector("[data-testid=migration-keep] pre")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(7, section.QuerySelectorAll("tbody tr").Length);
        Assert.NotEmpty(cut.FindAll("[data-testid=migration-note]"));
    }

    [Fact]
    public void Page_Service_NoMigrationSection()
    {
        Navigation.NavigateTo("/client-ip?service=prod/web");
        var cut = Render<ClientIpPage>();

        Assert.Empty(cut.FindAll("[data-testid=client-ip-migration]"));
    }

    [Fact]
    public async Task Page_NewSnapshotDropsProxyProtocol_SectionRecomputed()
    {
        Navigation.NavigateTo("/client-ip?ingress=shop/web");
        var cut = Render<ClientIpPage>();
        Assert.Equal("false", cut.Find("tr[data-impl=EnvoyGateway]").GetAttribute("data-same"));

        var plainConfig = new ConfigMapInfo { Namespace = "ingress-nginx", Name = "ingress-nginx-controller", Data = LabelMap.Of(("use-proxy-protocol", "false")) };
        var plainService = Extra().OfType<ServiceInfo>().First() with { Annotations = LabelMap.Empty };
        await _feed.PublishAsync(s => s with
        {
            ConfigMaps = KindCollection<ConfigMapInfo>.From([.. s.ConfigMaps.Where(c => c.Name != plainConfig.Name), plainConfig]),
            Services = KindCollection<ServiceInfo>.From([.. s.Services.Where(v => v.Name != plainService.Name), plainService]),
        });

        Assert.Equal("true", cut.Find("tr[data-impl=EnvoyGateway]").GetAttribute("data-same"));
    }

    [Fact]
    public async Task Api_Migration_PreviewOr404Or400()
    {
        var traefikLabels = LabelMap.Of(("app", "traefik"));
        IClusterObject[] traefik =
        [
            new IngressClassInfo("traefik", "traefik.io/ingress-controller", false),
            new IngressInfo { Namespace = "shop", Name = "other", IngressClassName = "traefik", Rules = [new IngressRuleInfo("o.example.com", [new IngressPathInfo("/", "Prefix", "web", "80")])] },
            new WorkloadInfo { Kind = "Deployment", Namespace = "traefik", Name = "traefik", Selector = new LabelSelector { MatchLabels = traefikLabels }, TemplateLabels = traefikLabels, Containers = [new ContainerInfo { Name = "traefik", Image = "traefik:v3.1" }] },
        ];
        await using var factory = new WebAppFactory(new TestClusterSource(objects: [.. SampleCluster.Objects(), .. Extra(), .. traefik]));
        var client = factory.CreateClient();

        var json = await client.GetFromJsonAsync<JsonElement>("/api/client-ip/ingresses/shop/web/migration");
        Assert.Equal(["namespace", "name", "controller", "today", "rows", "notes", "key"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("preservedInHeader", json.GetProperty("today").GetProperty("outcome").GetString());
        var row = json.GetProperty("rows").EnumerateArray().First();
        Assert.Equal("envoyGateway", row.GetProperty("implementation").GetString());
        Assert.Equal("broken", row.GetProperty("outcome").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/client-ip/ingresses/shop/nope/migration")).StatusCode);
        var other = await client.GetAsync("/api/client-ip/ingresses/shop/other/migration");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("Traefik", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_DecodeWithEnvoyFields_EnvoyAndHaproxyResults()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());
        var response = await factory.CreateClient().PostAsJsonAsync("/api/client-ip/decode", new
        {
            remoteAddr = "192.0.2.5",
            headers = new[] { "X-Forwarded-For: 203.0.113.128, 203.0.113.10, 203.0.113.1" },
            trusted = "",
            xffNumTrustedHops = 2,
            useRemoteAddress = true,
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("203.0.113.10", json.GetProperty("envoy").GetProperty("clientIp").GetString());
        Assert.Equal("192.0.2.5", json.GetProperty("haproxy").GetProperty("clientIp").GetString());

        var bad = await factory.CreateClient().PostAsJsonAsync("/api/client-ip/decode", new { remoteAddr = "10.0.0.1", trusted = "", xffNumTrustedHops = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
