using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Layout;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Shell;

public sealed class TopBarTests : ControlledShellTestContext
{
    [Fact]
    public void Render_DemoSource_LabelsDemoClusterAndShowsVersion()
    {
        var cut = Render<TopBar>();

        var source = cut.Find("[data-testid=source]");
        Assert.Contains("Demo cluster", source.TextContent);
        Assert.Contains("demo data", source.TextContent);
        Assert.Equal($"v{Feed.Current.Version}", cut.Find("[data-testid=snapshot-version]").TextContent);
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
    public async Task SyncChip_KindState_CarriesStateClassAndReason(KindState state, string stateName, string label)
    {
        var cut = Render<TopBar>();

        await Feed.PublishAsync(s => s with { Kinds = s.Kinds.SetItem(ResourceKind.Pods, new KindStatus(state, 3, "pods is forbidden")) });

        var chip = cut.Find("[data-kind=pods]");
        Assert.Equal(stateName, chip.GetAttribute("data-state"));
        Assert.Contains($"cn-sync-chip--{stateName}", chip.ClassName);
        Assert.StartsWith(label, chip.GetAttribute("aria-label"));
        Assert.Equal(ResourceKind.All.Count, cut.FindAll(".cn-sync-chip").Count);
    }

    [Fact]
    public async Task Publish_TwoSnapshots_PreviousRenderTreeHoldsNoEarlierSnapshot()
    {
        var cut = Render<TopBar>();
        var first = await PublishPodCountAsync(4);
        await PublishPodCountAsync(5);
        // The publish returns once the feed delivered; the re-render runs on the dispatcher after it. Until then the
        // component still shows snapshot 1 and rightly holds it.
        cut.WaitForAssertion(() => Assert.Contains("5", cut.Find("[data-kind=pods]").TextContent));

        // Blazor keeps a component's previous render tree until its next render: the chips must not pin snapshot 1 there.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(first.IsAlive);
    }

    /// <summary>Publishes a snapshot and keeps only a weak reference to it (no local outlives this method).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<WeakReference> PublishPodCountAsync(int pods) =>
        new(await Feed.PublishAsync(s => s with { Kinds = s.Kinds.SetItem(ResourceKind.Pods, new KindStatus(KindState.Synced, pods)) }));

    [Fact]
    public async Task Render_SnapshotPublished_VersionAndCountUpdateLive()
    {
        var cut = Render<TopBar>();

        var snapshot = await Feed.PublishAsync(
            s => s with
            {
                Pods = KindCollection<PodInfo>.From([.. s.Pods, SampleCluster.Pod("dev", "pod9", "10.244.1.9", "node01")]),
                Kinds = s.Kinds.SetItem(ResourceKind.Pods, s.Kinds[ResourceKind.Pods] with { Count = 4 }),
            },
            ResourceKind.Pods);

        Assert.Equal($"v{snapshot.Version}", cut.Find("[data-testid=snapshot-version]").TextContent);
        Assert.Contains("4", cut.Find("[data-kind=pods] .cn-sync-chip__count").TextContent);
    }

    [Fact]
    public async Task UpdatedAgo_TimePasses_TextAdvances()
    {
        var cut = Render<TopBar>();
        var elapsed = Time.GetUtcNow() - Feed.Current.CreatedAt;

        // On the dispatcher, the per-second timer's re-render runs before the call returns.
        await cut.InvokeAsync(() =>
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            Time.Advance(TimeSpan.FromSeconds(1));
        });

        Assert.Equal($"updated {(int)(elapsed + TimeSpan.FromSeconds(2)).TotalSeconds} s ago", cut.Find("[data-testid=snapshot-updated]").TextContent);
    }

    [Fact]
    public async Task Render_Disconnected_ShowsDisconnectedWithLastContact()
    {
        var cut = Render<TopBar>();

        await Feed.PublishAsync(s => s with { Connection = ConnectionState.Disconnected, ConnectionMessage = "connection refused" });

        Assert.Contains("disconnected", cut.Find(".cn-conn--down").TextContent);
    }

    [Fact]
    public async Task Dispose_TopBar_RemovesSubscription()
    {
        Render<TopBar>();
        Assert.Equal(1, Feed.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(0, Feed.SubscriberCount);
    }

    private sealed class KubeconfigContext() : ControlledShellTestContext(SampleCluster.Snapshot(source: new SourceInfo("kubeconfig", "prod-admin")));
}
