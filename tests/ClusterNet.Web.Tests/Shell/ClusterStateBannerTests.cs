using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Layout;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Shell;

public sealed class ClusterStateBannerTests : ControlledShellTestContext
{
    [Fact]
    public async Task InputErrors_Published_BannerCountsThemAndLinksToSyncStatus()
    {
        var cut = Render<ClusterStateBanner>();
        Assert.Empty(cut.FindAll("[data-testid=state-input]"));

        await Feed.PublishAsync(s => s with
        {
            Diagnostics =
            [
                new SourceDiagnostic("error", "invalid CIDR", "dump.yaml", 3, Object: "Node node01"),
                new SourceDiagnostic("error", "bad port", "dump.yaml", 4, Object: "Service dev/web"),
                new SourceDiagnostic("warning", "unknown field", "dump.yaml", 5),
            ],
        });

        var banner = cut.Find("[data-testid=state-input]");
        Assert.Contains("2 problems reading the input", banner.TextContent);
        Assert.Equal("/cluster?tab=sync", banner.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Disconnected_Published_BannerShowsLastKnownState()
    {
        var cut = Render<ClusterStateBanner>();

        await Feed.PublishAsync(s => s with { Connection = ConnectionState.Disconnected, ConnectionMessage = "connection refused" });

        Assert.Contains("connection refused", cut.Find("[data-testid=state-disconnected]").TextContent);
    }

    [Fact]
    public async Task Dispose_Banner_RemovesSubscription()
    {
        Render<ClusterStateBanner>();
        Assert.Equal(1, Feed.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, Feed.SubscriberCount);
    }
}
