using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Layout;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Tests.Shell;

public sealed class MainLayoutTests : ShellTestContext
{
    private static readonly RenderFragment Page = b => b.AddMarkupContent(0, "<p id=\"page\">page body</p>");

    private IRenderedComponent<MainLayout> RenderLayout() => Render<MainLayout>(p => p.Add(l => l.Body, Page));

    [Fact]
    public void Render_Synced_ShowsPageNavigationAndShortcutsRegistered()
    {
        var cut = RenderLayout();

        Assert.Equal("page body", cut.Find("#page").TextContent);
        Assert.Equal("false", cut.Find(".cn-page").GetAttribute("data-stale"));
        var nav = cut.FindAll("nav[aria-label=Main] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Topology", "Policies", "DNS", "Client IP", "Cluster"], nav);
        ShellInitialize.VerifyInvoke("initialize");
    }

    [Fact]
    public async Task Render_FirstSyncRunning_ShowsProgressPerKindInsteadOfPage()
    {
        await using var ctx = new LoadingContext();
        ctx.Source.Store.SetStatus(ResourceKind.Pods, new KindStatus(KindState.Syncing, 0, Loaded: 3400, Expected: 10000));
        ctx.Source.Store.Flush();

        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, Page));

        Assert.Empty(cut.FindAll("#page"));
        Assert.NotNull(cut.Find("[data-testid=state-loading]"));
        var podsRow = cut.Find(".cn-sync-progress__kind[data-kind=pods]");
        Assert.Equal("syncing", podsRow.GetAttribute("data-state"));
        Assert.Contains("3,400 / 10,000", cut.Markup);
    }

    [Fact]
    public async Task Render_FirstSyncFinishes_SwitchesToPage()
    {
        await using var ctx = new LoadingContext();
        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, Page));
        Assert.Empty(cut.FindAll("#page"));

        foreach (var kind in ctx.Source.Store.Kinds)
        {
            ctx.Source.Store.SetStatus(kind, new KindStatus(KindState.Synced, 0));
        }

        ctx.Source.Store.Flush();

        cut.WaitForAssertion(() => Assert.Equal("page body", cut.Find("#page").TextContent));
    }

    [Fact]
    public void Render_Disconnected_GreysPageAndExplainsLastKnownState()
    {
        var cut = RenderLayout();

        Publish(s => s.SetConnection(ConnectionState.Disconnected, "dial tcp 10.0.0.1:6443: connection refused"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("true", cut.Find(".cn-page").GetAttribute("data-stale"));
            var banner = cut.Find("[data-testid=state-disconnected]");
            Assert.Contains("Disconnected from the cluster", banner.TextContent);
            Assert.Contains("connection refused", banner.TextContent);
            Assert.Contains("last known state", banner.TextContent);
        });
    }

    [Fact]
    public async Task Render_KindForbidden_BannerNamesMissingRightAndCanICommand()
    {
        await using var ctx = new InClusterContext();
        ctx.Source.Store.SetStatus(ResourceKind.NetworkPolicies, new KindStatus(KindState.Forbidden, 0, "networkpolicies.networking.k8s.io is forbidden"));
        ctx.Source.Store.Flush();
        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, Page));

        var banner = cut.Find("[data-testid=state-forbidden]");
        Assert.Contains("may not read networkpolicies", banner.TextContent);
        cut.ClickWhenStable("[data-testid=state-forbidden] button");

        var commands = cut.FindAll("[data-testid=state-forbidden] .cn-command code").Select(c => c.TextContent).ToList();
        Assert.Contains("kubectl auth can-i list networkpolicies.networking.k8s.io --all-namespaces --as=system:serviceaccount:clusternet:clusternet", commands);
        Assert.Contains("list and watch on networkpolicies.networking.k8s.io in all namespaces", cut.Find("[data-testid=state-forbidden]").TextContent);
        Assert.Equal("page body", cut.Find("#page").TextContent);
    }

    [Fact]
    public void Render_KindError_BannerShowsWhatFailed()
    {
        var cut = RenderLayout();

        Publish(s => s.SetStatus(ResourceKind.Services, new KindStatus(KindState.Error, 0, "the server was unable to return a response")));

        cut.WaitForAssertion(() => Assert.Contains("services: the server was unable to return a response", cut.Find("[data-testid=state-error]").TextContent));
    }

    [Fact]
    public void Escape_WithSelection_ClearsSelectionAndClosesDrawer()
    {
        Navigation.NavigateTo("/cluster?sel=pods/dev/pod1");
        var cut = RenderLayout();
        Assert.Equal("pods/dev/pod1", cut.Find("[data-testid=details]").GetAttribute("data-selected"));

        cut.InvokeAsync(() => cut.Instance.OnEscape());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=details]")));
        Assert.DoesNotContain("sel=", Navigation.Uri);
    }

    [Fact]
    public async Task Dispose_Layout_RemovesFeedSubscriptions()
    {
        var cut = RenderLayout();
        Assert.True(Feed.SubscriberCount > 0);

        await DisposeComponentsAsync();

        Assert.Equal(0, Feed.SubscriberCount);
    }

    private sealed class LoadingContext() : ShellTestContext(new TestClusterSource(synced: false))
    {
        public new TestClusterSource Source => base.Source;
    }

    private sealed class InClusterContext() : ShellTestContext(new TestClusterSource(new SourceInfo("incluster", "in-cluster")), "system:serviceaccount:clusternet:clusternet")
    {
        public new TestClusterSource Source => base.Source;
    }
}
