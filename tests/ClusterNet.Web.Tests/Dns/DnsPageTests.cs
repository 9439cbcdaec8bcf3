using Bunit;
using Microsoft.AspNetCore.Components;
using ClusterNet.Core.Model;
using ClusterNet.Web.PageModels.Dns;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Dns;

/// <summary>The DNS page over a feed the test drives: publish snapshot N, then assert. No waits, no retries.</summary>
public sealed class DnsPageTests : ShellTestContext
{
    private readonly ControlledSnapshotFeed _feed = new(ClusterSnapshot.Create(new SourceInfo("demo", "dns"), DnsFixture.Objects()));

    public DnsPageTests()
        : base(new TestClusterSource(objects: DnsFixture.Objects()))
    {
        Services.AddDnsPage();
        Services.AddSingleton<ISnapshotFeed>(_feed);
    }

    private IRenderedComponent<ClusterNet.Web.Components.Pages.Dns> RenderPage(params (string Name, string? Value)[] query)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/dns", query.ToDictionary(q => q.Name, q => (object?)q.Value)));
        return Render<ClusterNet.Web.Components.Pages.Dns>();
    }

    private ClusterSnapshot Next(IEnumerable<IClusterObject> objects) =>
        ClusterSnapshot.Create(_feed.Current.Source, objects) with { Version = _feed.Current.Version + 1 };

    private static string Banner(IRenderedComponent<ClusterNet.Web.Components.Pages.Dns> cut) => cut.Find("[data-testid=dns-verdict]").GetAttribute("data-banner")!;

    [Fact]
    public void Render_Cluster_VerdictFirstAndAlpinePodFlaggedCritical()
    {
        var cut = RenderPage();
        Assert.Contains("critical", cut.Find("[data-testid=dns-verdict]").TextContent, StringComparison.Ordinal);
        Assert.Equal("error", Banner(cut));
        var first = cut.FindAll("[data-testid=dns-findings] tbody tr")[0];
        Assert.Contains("Deployment shop/php-fpm uses musl", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("critical", first.QuerySelector("[data-testid=dns-finding-severity]")!.TextContent.Trim());
    }

    [Fact]
    public void DeepLink_PodAndName_ShowsEffectiveConfAndBothLaddersAndTheLookupsOwnBanner()
    {
        var cut = RenderPage(("pod", "shop/php-fpm-7d9f8c6b5-abcde"), ("name", "baidu.com"));
        Assert.Equal("nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n", cut.Find("[data-testid=dns-effective-conf]").TextContent);
        Assert.Equal(8, cut.FindAll("[data-testid=dns-ladder-glibc] [data-testid=dns-query-row]").Count);
        Assert.Equal(8, cut.FindAll("[data-testid=dns-ladder-musl] [data-testid=dns-query-row]").Count);
        Assert.Equal("shop/php-fpm-7d9f8c6b5-abcde (musl): baidu.com costs 8 queries with musl and resolves (203.0.113.10, 2001:db8::10) after 0 s; glibc sends 8 and resolves after 0 s.", cut.Find("[data-testid=dns-verdict]").TextContent.Trim());
        // The cluster has a critical finding, but this lookup resolves at once: the banner is the lookup's.
        Assert.Equal("success", Banner(cut));
        Assert.Contains("this pod's C library", cut.Find("[data-testid=dns-ladder-musl]").TextContent, StringComparison.Ordinal);
        // Addresses stay whole on one line.
        Assert.Equal(["203.0.113.10", "2001:db8::10"], cut.FindAll("[data-testid=dns-verdict] .cn-dns-ip").Select(e => e.TextContent));
    }

    [Fact]
    public void Scenario_AaaaLost_GlibcWaitsThreeTimeoutsMuslFails()
    {
        var cut = RenderPage(("pod", "shop/php-fpm-7d9f8c6b5-abcde"), ("name", "baidu.com"), ("case", "aaaa-lost"));
        Assert.Equal("shop/php-fpm-7d9f8c6b5-abcde (musl): baidu.com costs 12 queries with musl and fails with EAI_AGAIN after 20 s; glibc sends 12 and resolves after 30 s.",
            cut.Find("[data-testid=dns-verdict]").TextContent.Trim());
        Assert.Equal("error", Banner(cut));
    }

    [Fact]
    public void Scenario_ClusterServiceName_AnsweredWithItsServiceIp()
    {
        var cut = RenderPage(("pod", "shop/api-5c6d7e8f9-xyz12"), ("name", "kube-dns.kube-system"));
        Assert.Contains("resolves (10.96.0.10)", cut.Find("[data-testid=dns-verdict]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepLinkFinding_ShowsEvidenceAndPatchWithTradeOff()
    {
        var cut = RenderPage(("finding", "ndots-search-cost:Deployment shop/php-fpm"));
        var details = cut.Find("[data-testid=dns-finding-details]");
        Assert.Contains("kubectl -n shop patch deployment php-fpm", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("kubernetes.default.svc stops resolving", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("- name: ndots", cut.Find("[data-testid=finding-fix] pre").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepLinkCriticalFinding_HasAPatch()
    {
        var cut = RenderPage(("finding", "musl-conntrack-race:Deployment shop/php-fpm"));
        var fixes = cut.FindAll("[data-testid=dns-finding-details] [data-testid=finding-fix]");
        Assert.Contains(fixes, f => f.TextContent.Contains("- name: attempts", StringComparison.Ordinal));
        Assert.Contains(fixes, f => f.TextContent.Contains("kubectl -n shop set image deployment/php-fpm php=php:7.4-fpm", StringComparison.Ordinal));
    }

    [Fact]
    public void ClickFinding_PutsItInUrlAndShowsPatchWithTradeOff()
    {
        var cut = RenderPage();

        // The fixture's workloads share the ndots pattern: one group row, opened onto its workloads.
        cut.ClickWhenStable(() => cut.Find("[data-testid=dns-finding-group][data-code=ndots-search-cost]"));
        cut.ClickWhenStable(() => cut.FindAll("[data-testid=dns-findings] tbody tr.cn-dns-finding--member")
            .First(r => r.TextContent.Contains("every external name costs", StringComparison.Ordinal) && r.TextContent.Contains("php-fpm", StringComparison.Ordinal)));

        Assert.Contains("finding=ndots-search-cost", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("kubectl -n shop patch deployment php-fpm", cut.Find("[data-testid=dns-finding-details]").TextContent, StringComparison.Ordinal);
        Assert.Contains("- name: ndots", cut.Find("[data-testid=finding-fix] pre").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void LookUpFromFinding_ShowsThePodAndNameBeforeTheUrlChanges()
    {
        var cut = RenderPage(("finding", "musl-conntrack-race:Deployment shop/php-fpm"));

        cut.ClickWhenStable("[data-testid=dns-look-up-from]");

        Assert.Equal("www.example.com", cut.Find("input[aria-label='Name to look up']").GetAttribute("value"));
        Assert.Contains("pod=shop%2Fphp-fpm-7d9f8c6b5-abcde", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("name=www.example.com", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal(8, cut.FindAll("[data-testid=dns-ladder-musl] [data-testid=dns-query-row]").Count);
    }

    [Fact]
    public void TypeName_LaddersAndUrlFollow()
    {
        var cut = RenderPage(("pod", "shop/php-fpm-7d9f8c6b5-abcde"));

        cut.ChangeWhenStable("input[aria-label='Name to look up']", "baidu.com");

        Assert.Contains("name=baidu.com", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("baidu.com costs 8 queries with musl", cut.Find("[data-testid=dns-verdict]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PastedResolvConf_Malformed_ShowsErrorWithLine()
    {
        var cut = RenderPage(("conf", "nameserver 10.96.0.10\noptions ndots:x\n"), ("name", "a"));
        Assert.Contains("resolv.conf:2", cut.Find("[data-testid=dns-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void BadUrlParameter_SaysWhich()
    {
        var cut = RenderPage(("pod", "shop/php-fpm-7d9f8c6b5-abcde"), ("name", "a"), ("family", "ipx"));
        Assert.Equal("family must be unspec, inet or inet6, got 'ipx'", cut.Find("[data-testid=dns-error]").TextContent.Trim());
    }

    [Fact]
    public void NoPod_DefaultResolvConfFromTheClusterDns()
    {
        var cut = RenderPage();
        Assert.Equal("nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n",
            cut.Find("textarea[aria-label='resolv.conf text']").TextContent);
    }

    [Fact]
    public async Task PodReplacedByRollout_PublishedSnapshot_ShowsTheReplacement()
    {
        var cut = RenderPage(("pod", "shop/php-fpm-7d9f8c6b5-abcde"), ("name", "baidu.com"));
        Assert.Empty(cut.FindAll("[data-testid=dns-pod-replaced]"));

        await _feed.PublishAsync(Next(DnsFixture.Objects().Select(o => o is PodInfo { Name: "php-fpm-7d9f8c6b5-abcde" } p ? p with { Name = "php-fpm-7d9f8c6b5-fghij" } : o)));

        Assert.Contains("shop/php-fpm-7d9f8c6b5-abcde is gone; showing shop/php-fpm-7d9f8c6b5-fghij of the same ReplicaSet", cut.Find("[data-testid=dns-pod-replaced]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("shop/php-fpm-7d9f8c6b5-fghij (musl): baidu.com costs 8 queries", cut.Find("[data-testid=dns-verdict]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindingsFollowTheFeed_MuslPodGone_NoCriticalLeft()
    {
        var cut = RenderPage();
        Assert.Equal("error", Banner(cut));

        await _feed.PublishAsync(Next(DnsFixture.Objects().Where(o => o is not PodInfo { Name: "php-fpm-7d9f8c6b5-abcde" })));

        Assert.DoesNotContain("php-fpm", cut.Find("[data-testid=dns-findings]").TextContent, StringComparison.Ordinal);
        Assert.NotEqual("error", Banner(cut));
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
