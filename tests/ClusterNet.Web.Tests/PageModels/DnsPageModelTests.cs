using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;
using ClusterNet.Web.Dns;
using ClusterNet.Web.PageModels.Dns;
using ClusterNet.Web.Security;
using ClusterNet.Web.Tests.Dns;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>The DNS page model without a renderer: URL state in, view out.</summary>
public sealed class DnsPageModelTests : IDisposable
{
    private readonly LookupThrottle _throttle = new(new HttpLimitsOptions { LookupBurst = 1, LookupsPerMinute = 1 });
    private readonly DnsReportCache _reports = new();
    private readonly ClusterSnapshot _snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "dns"), DnsFixture.Objects());

    public void Dispose() => _throttle.Dispose();

    private DnsPageModel Model() => new(_reports, new DnsLiveLookup(), _throttle, new DnsLookupGuard("127.0.0.1"));

    [Fact]
    public void Show_NoLookup_BannerIsTheClustersFindings()
    {
        var view = Model().Show(_snapshot, new DnsPageUrl());
        Assert.Equal(DnsBanner.Error, view.Banner);
        Assert.StartsWith("1 critical and", view.BannerText, StringComparison.Ordinal);
        Assert.True(view.PasteMode);
        Assert.Equal("nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n", view.ConfText);
        Assert.Equal("musl-conntrack-race", view.Findings[0].Code);
    }

    [Fact]
    public void Show_LookupThatResolves_BannerIsTheLookups()
    {
        var view = Model().Show(_snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com" });
        Assert.Equal(DnsBanner.Success, view.Banner);
        Assert.Equal(view.Lookup!.Verdict, view.BannerText);
        Assert.Equal("musl 1.2.5 — this pod's C library", view.LadderTitle(view.Lookup.Musl!));
        Assert.Equal("glibc 2.42", view.LadderTitle(view.Lookup.Glibc!));
    }

    [Theory]
    [InlineData("aaaa-lost", DnsBanner.Error)]
    [InlineData("lost", DnsBanner.Error)]
    [InlineData("nxdomain", DnsBanner.Error)]
    public void Show_LookupThatFails_ErrorBanner(string scenario, DnsBanner banner) =>
        Assert.Equal(banner, Model().Show(_snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com", Case = scenario }).Banner);

    [Fact]
    public void Show_GlibcWaitsWhereMuslFails_WarningForTheGlibcPod()
    {
        var view = Model().Show(_snapshot, new DnsPageUrl { Pod = "shop/api-5c6d7e8f9-xyz12", Name = "baidu.com", Case = "aaaa-lost" });
        Assert.True(view.Lookup!.Primary.IsGlibc);
        Assert.Equal(DnsBanner.Warning, view.Banner);
    }

    [Fact]
    public void Show_SelectedFinding_AndItsFirstPod()
    {
        var view = Model().Show(_snapshot, new DnsPageUrl { Finding = "musl-conntrack-race:Deployment shop/php-fpm" });
        Assert.Equal("musl-conntrack-race", view.Selected?.Code);
        Assert.Equal("shop/php-fpm-7d9f8c6b5-abcde", view.SelectedPod);
    }

    [Fact]
    public void Show_SameQuestionTwice_SameLookup()
    {
        var model = Model();
        var url = new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com" };
        var first = model.Show(_snapshot, url).Lookup;
        Assert.Same(first, model.Show(_snapshot, url with { Finding = "x" }).Lookup);
    }

    [Fact]
    public void Show_NewQuestion_LiveServerFromItsResolvConf()
    {
        var model = Model();
        model.Show(_snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com" });
        Assert.Equal("10.96.0.10", model.Live.Server);
        model.SetLiveServer(" 127.0.0.1 ");
        model.Show(_snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com", Finding = "x" });
        Assert.Equal("127.0.0.1", model.Live.Server);
        model.Show(_snapshot, new DnsPageUrl { Conf = "nameserver 10.0.0.2\n", Name = "baidu.com" });
        Assert.Equal("10.0.0.2", model.Live.Server);
    }

    [Fact]
    public async Task RunLive_BadServer_OneMessageNoPacket()
    {
        var model = Model();
        model.Show(_snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com" });
        model.SetLiveServer("dns.example.com");
        await model.RunLiveAsync(null);
        Assert.Equal("server must be an IP address and port 1-65535", model.Live.Error);
        Assert.Null(model.Live.Result);
    }

    [Fact]
    public async Task RunLive_BudgetSpent_Refused()
    {
        var model = Model();
        model.Show(_snapshot, new DnsPageUrl { Pod = "shop/php-fpm-7d9f8c6b5-abcde", Name = "baidu.com" });
        Assert.True(_throttle.TryAcquire(null, out _));
        await model.RunLiveAsync(null);
        Assert.StartsWith("Too many live lookups; try again in", model.Live.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_TwoSnapshotsInFlight_NewestWins()
    {
        // Whether the older refresh is dropped depends on whether its report was done before the newer one started
        // (a small fixture can finish on the pool before the second call): what must hold either way is that the older
        // never overwrites the newer view.
        var model = Model();
        model.Show(_snapshot, new DnsPageUrl());
        var next = ClusterSnapshot.Create(_snapshot.Source, DnsFixture.Objects().Where(o => o is not PodInfo { Name: "php-fpm-7d9f8c6b5-abcde" }), version: 2);
        var newest = ClusterSnapshot.Create(_snapshot.Source, DnsFixture.Objects().Where(o => o is not PodInfo), version: 3);
        var older = model.RefreshAsync(next);
        var newer = model.RefreshAsync(newest);
        Assert.True(await newer);
        await older;
        Assert.Equal(DnsBanner.Success, model.View.Banner);
        Assert.Empty(model.View.Findings);
    }

    [Fact]
    public void PodsMatching_CaseInsensitiveSortedCapped()
    {
        Assert.Equal(["shop/api-5c6d7e8f9-xyz12", "shop/php-fpm-7d9f8c6b5-abcde"], DnsPageModel.PodsMatching(_snapshot, "SHOP"));
        Assert.Single(DnsPageModel.PodsMatching(_snapshot, "", limit: 1));
    }

    [Theory]
    [InlineData("resolves (203.0.113.10, 2001:db8::10) after 0 s", "203.0.113.10|2001:db8::10")]
    [InlineData("server 127.0.0.1:5353.", "127.0.0.1")]
    [InlineData("ndots:5 and 1.2.5 and a:b", "")]
    public void AddressRuns_AddressesApart(string text, string addresses)
    {
        var runs = AddressRuns.Split(text);
        Assert.Equal(text, string.Concat(runs.Select(r => r.Text)));
        Assert.Equal(addresses, string.Join("|", runs.Where(r => r.IsAddress).Select(r => r.Text)));
    }
}
