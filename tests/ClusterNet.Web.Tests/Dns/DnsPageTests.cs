using Bunit;
using ClusterNet.Web.Components.Pages;
using ClusterNet.Web.Dns;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Dns;

public sealed class DnsPageTests : ShellTestContext
{
    public DnsPageTests()
        : base(new TestClusterSource(objects: DnsFixture.Objects()))
    {
        Services.AddSingleton<DnsReportCache>();
        Services.AddSingleton<DnsLiveLookup>();
    }

    private IRenderedComponent<ClusterNet.Web.Components.Pages.Dns> RenderPage(params (string Name, string? Value)[] query)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/dns", query.ToDictionary(q => q.Name, q => (object?)q.Value)));
        return Render<ClusterNet.Web.Components.Pages.Dns>();
    }

    [Fact]
    public void Render_Cluster_VerdictFirstAndAlpinePodFlaggedCritical()
    {
        var cut = RenderPage();
        Assert.Contains("critical", cut.Find("[data-testid=dns-verdict]").TextContent, StringComparison.Ordinal);
        var first = cut.FindAll("[data-testid=dns-findings] tbody tr")[0];
        Assert.Contains("Deployment shop/php-fpm uses musl", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("critical", first.QuerySelector("[data-testid=dns-finding-severity]")!.TextContent);
    }

    [Fact]
    public void DeepLink_PodAndName_ShowsEffectiveConfAndBothLadders()
    {
        var cut = RenderPage(("pod", "shop/php-fpm-7d9f8c6b5-abcde"), ("name", "baidu.com"));
        Assert.Equal("nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n", cut.Find("[data-testid=dns-effective-conf]").TextContent);
        Assert.Equal(8, cut.FindAll("[data-testid=dns-ladder-glibc] [data-testid=dns-query-row]").Count);
        Assert.Equal(8, cut.FindAll("[data-testid=dns-ladder-musl] [data-testid=dns-query-row]").Count);
        Assert.Equal("shop/php-fpm-7d9f8c6b5-abcde (musl): baidu.com costs 8 queries with musl and resolves (203.0.113.10, 2001:db8::10) after 0 s; glibc sends 8 and resolves after 0 s.", cut.Find("[data-testid=dns-verdict]").TextContent.Trim());
        Assert.Contains("this pod's C library", cut.Find("[data-testid=dns-ladder-musl]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenario_AaaaLost_GlibcWaitsThreeTimeoutsMuslFails()
    {
        var cut = RenderPage(("pod", "shop/php-fpm-7d9f8c6b5-abcde"), ("name", "baidu.com"), ("case", "aaaa-lost"));
        Assert.Equal("shop/php-fpm-7d9f8c6b5-abcde (musl): baidu.com costs 12 queries with musl and fails with EAI_AGAIN after 20 s; glibc sends 12 and resolves after 30 s.",
            cut.Find("[data-testid=dns-verdict]").TextContent.Trim());
    }

    [Fact]
    public void DeepLinkFinding_ShowsEvidenceAndPatchWithTradeOff()
    {
        var cut = RenderPage(("finding", "ndots-search-cost:Deployment shop/php-fpm"));
        var details = cut.Find("[data-testid=dns-finding-details]");
        Assert.Contains("kubectl -n shop patch deployment php-fpm", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("kubernetes.default.svc stops resolving", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("- name: ndots", cut.Find("[data-testid=dns-patch-yaml]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickFinding_PutsItInUrlAndShowsPatchWithTradeOff()
    {
        var cut = RenderPage();

        cut.ClickWhenStable(() => cut.FindAll("[data-testid=dns-findings] tbody tr")
            .First(r => r.TextContent.Contains("every external name costs", StringComparison.Ordinal) && r.TextContent.Contains("php-fpm", StringComparison.Ordinal)));

        Assert.Contains("finding=ndots-search-cost", Navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("kubectl -n shop patch deployment php-fpm", cut.Find("[data-testid=dns-finding-details]").TextContent, StringComparison.Ordinal);
            Assert.Contains("- name: ndots", cut.Find("[data-testid=dns-patch-yaml]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void PastedResolvConf_Malformed_ShowsErrorWithLine()
    {
        var cut = RenderPage(("conf", "nameserver 10.96.0.10\noptions ndots:x\n"), ("name", "a"));
        Assert.Contains("resolv.conf:2", cut.Find("[data-testid=dns-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PodDrawer_LinksToTheDnsLadder()
    {
        var cut = Render<ClusterNet.Web.Components.Details.PodDetails>(p => p
            .Add(d => d.Target, ClusterNet.Web.Navigation.ObjectRef.Pod("shop", "php-fpm-7d9f8c6b5-abcde"))
            .Add(d => d.Snapshot, Feed.Current));
        Assert.Equal("/dns?pod=shop%2Fphp-fpm-7d9f8c6b5-abcde&name=www.example.com", cut.Find("[data-testid=pod-dns-link]").GetAttribute("href"));
    }
}
