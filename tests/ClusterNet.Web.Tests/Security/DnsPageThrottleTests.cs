using Bunit;
using ClusterNet.Web.PageModels.Dns;
using ClusterNet.Web.Security;
using ClusterNet.Web.Tests.Dns;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>The DNS page's live lookup obeys the same per-user limit as POST /api/dns/lookup: past it, no packet, a message.</summary>
public sealed class DnsPageThrottleTests : ShellTestContext
{
    private readonly LookupThrottle _throttle = new(new HttpLimitsOptions { LookupBurst = 1, LookupsPerMinute = 1 });

    public DnsPageThrottleTests()
        : base(new TestClusterSource(objects: DnsFixture.Objects()))
    {
        Services.AddDnsPage();
        Services.AddSingleton(_throttle);
        Services.AddSingleton<ClusterNet.Web.Snapshots.ISnapshotFeed>(new ControlledSnapshotFeed(
            ClusterNet.Core.Model.ClusterSnapshot.Create(new ClusterNet.Core.Model.SourceInfo("demo", "dns"), DnsFixture.Objects())));
    }

    [Fact]
    public void AskLive_LimitSpent_ShowsMessageInsteadOfAsking()
    {
        // The page's (anonymous, in bUnit) user already used the one lookup of the burst.
        Assert.True(_throttle.TryAcquire(null, out _));
        Navigation.NavigateTo("/dns?pod=shop/php-fpm-7d9f8c6b5-abcde&name=baidu.com");
        var cut = Render<ClusterNet.Web.Components.Pages.Dns>();
        cut.ChangeWhenStable("input[aria-label='DNS server address']", "127.0.0.1");

        cut.ClickWhenStable("[data-testid=dns-live-run]");

        Assert.Contains("Too many live lookups; try again in", cut.Find("[data-testid=dns-live-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=dns-live-verdict]"));
    }
}
