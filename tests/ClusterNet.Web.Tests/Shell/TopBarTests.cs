using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Layout;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Shell;

public sealed class TopBarTests : ShellTestContext
{
    [Fact]
    public void Render_DemoSource_LabelsDemoClusterAndShowsVersion()
    {
        var cut = Render<TopBar>();

        var source = cut.Find("[data-testid=source]");
        Assert.Contains("Demo cluster", source.TextContent);
        Assert.Contains("demo data", source.TextContent);
        Assert.Equal($"v{Source.Store.Current.Version}", cut.Find("[data-testid=snapshot-version]").TextContent);
    }

    [Fact]
    public async Task Render_KubeconfigSource_ShowsContextWithoutDemoBadge()
    {
        await using var ctx = new KubeconfigContext();

        var cut = ctx.Render<TopBar>();

        var source = cut.Find("[data-testid=source]");
        Assert.Contains("kubeconfig: prod-admin", source.TextContent);
        Assert.DoesNotContain("demo", source.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(KindState.Synced, "synced", "pods: synced, 3 objects")]
    [InlineData(KindState.Syncing, "syncing", "pods: loading")]
    [InlineData(KindState.Reconnecting, "reconnecting", "pods: reconnecting")]
    [InlineData(KindState.Forbidden, "forbidden", "pods: forbidden, the dashboard may not list and watch on pods in all namespaces (pods is forbidden)")]
    [InlineData(KindState.Error, "error", "pods: error (pods is forbidden)")]
    [InlineData(KindState.NotServed, "notserved", "pods: not served")]
    public void SyncChip_KindState_CarriesStateClassAndReason(KindState state, string stateName, string label)
    {
        Publish(s => s.SetStatus(ResourceKind.Pods, new KindStatus(state, 0, "pods is forbidden")));

        var cut = Render<TopBar>();

        var chip = cut.Find("[data-kind=pods]");
        Assert.Equal(stateName, chip.GetAttribute("data-state"));
        Assert.Contains($"cn-sync-chip--{stateName}", chip.ClassName);
        Assert.StartsWith(label, chip.GetAttribute("aria-label"));
        Assert.Equal(ResourceKind.All.Count, cut.FindAll(".cn-sync-chip").Count);
    }

    [Fact]
    public void Render_StoreChanges_VersionAndCountUpdateLive()
    {
        var cut = Render<TopBar>();

        var snapshot = Publish(s => s.Upsert(SampleCluster.Pod("dev", "pod9", "10.244.1.9", "node01")));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"v{snapshot.Version}", cut.Find("[data-testid=snapshot-version]").TextContent);
            Assert.Contains("4", cut.Find("[data-kind=pods] .cn-sync-chip__count").TextContent);
        });
    }

    [Fact]
    public void UpdatedAgo_TimePasses_TextAdvances()
    {
        var cut = Render<TopBar>();
        var elapsed = Time.GetUtcNow() - Source.Store.Current.CreatedAt;
        Time.Advance(TimeSpan.FromSeconds(1));
        Time.Advance(TimeSpan.FromSeconds(1));
        var expected = $"updated {(int)(elapsed + TimeSpan.FromSeconds(2)).TotalSeconds} s ago";

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("[data-testid=snapshot-updated]").TextContent));
    }

    [Fact]
    public void Render_Disconnected_ShowsDisconnectedWithLastContact()
    {
        Publish(s => s.SetConnection(ConnectionState.Disconnected, "connection refused"));

        var cut = Render<TopBar>();

        Assert.Contains("disconnected", cut.Find(".cn-conn--down").TextContent);
    }

    private sealed class KubeconfigContext() : ShellTestContext(new TestClusterSource(new SourceInfo("kubeconfig", "prod-admin")));
}
