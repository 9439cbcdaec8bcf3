using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components;
using ClusterNet.Web.Components.Layout;
using ClusterNet.Web.Shell;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Tests.Shell;

public sealed class MainLayoutTests : ControlledShellTestContext
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
    public void Render_SkipLink_IsTheFirstLinkAndTargetsMain()
    {
        var cut = RenderLayout();

        var first = cut.FindAll("a, button, input").First();
        Assert.Equal("Skip to content", first.TextContent);
        Assert.Equal("#main-content", first.GetAttribute("href"));
        Assert.Equal("MAIN", cut.Find("#main-content").TagName);
        Assert.Equal("-1", cut.Find("#main-content").GetAttribute("tabindex"));
    }

    [Fact]
    public async Task MenuButton_Click_TogglesNavigationDrawer()
    {
        var cut = RenderLayout();
        Assert.Equal("true", cut.Find("button[aria-label=Menu]").GetAttribute("aria-expanded"));

        await cut.ClickWhenStableAsync("button[aria-label=Menu]");

        Assert.Equal("false", cut.Find("button[aria-label=Menu]").GetAttribute("aria-expanded"));
        Assert.Contains("mud-drawer--closed", cut.Find("#cn-nav-drawer").ClassName);
    }

    [Fact]
    public async Task Theme_FromCookieThenToggled_AppliedAndRemembered()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Page).AddCascadingValue(Routes.ThemeCascade, ThemePreference.Parse("dark")));
        Assert.Equal("dark", cut.Find(".cn-layout").GetAttribute("data-theme"));
        RememberTheme.VerifyInvoke("rememberTheme");

        await cut.ClickWhenStableAsync(".cn-theme-toggle");

        Assert.Equal("system", cut.Find(".cn-layout").GetAttribute("data-theme-mode"));
        var last = RememberTheme.Invocations["rememberTheme"][^1];
        Assert.Equal(["system-light", "light"], last.Arguments);
    }

    [Fact]
    public async Task Render_FirstSyncRunning_ShowsProgressPerKindInsteadOfPage()
    {
        Feed.InitialSyncComplete = false;
        await Feed.PublishAsync(s => s with { Kinds = s.Kinds.SetItem(ResourceKind.Pods, new KindStatus(KindState.Syncing, 0, Loaded: 3400, Expected: 10000)) });

        var cut = RenderLayout();

        Assert.Empty(cut.FindAll("#page"));
        Assert.NotNull(cut.Find("[data-testid=state-loading]"));
        Assert.Equal("syncing", cut.Find(".cn-sync-progress__kind[data-kind=pods]").GetAttribute("data-state"));
        Assert.Contains("3,400 / 10,000", cut.Markup);
    }

    [Fact]
    public async Task Render_FirstSyncFinishes_SwitchesToPage()
    {
        Feed.InitialSyncComplete = false;
        var cut = RenderLayout();
        Assert.Empty(cut.FindAll("#page"));

        Feed.InitialSyncComplete = true;
        await Feed.PublishAsync(s => s);

        Assert.Equal("page body", cut.Find("#page").TextContent);
    }

    [Fact]
    public async Task Render_Disconnected_GreysPageAndExplainsLastKnownState()
    {
        var cut = RenderLayout();

        await Feed.PublishAsync(s => s with { Connection = ConnectionState.Disconnected, ConnectionMessage = "dial tcp 10.0.0.1:6443: connection refused" });

        Assert.Equal("true", cut.Find(".cn-page").GetAttribute("data-stale"));
        var banner = cut.Find("[data-testid=state-disconnected]");
        Assert.Contains("Disconnected from the cluster", banner.TextContent);
        Assert.Contains("connection refused", banner.TextContent);
        Assert.Contains("last known state", banner.TextContent);
    }

    [Fact]
    public async Task Render_KindForbidden_BannerNamesMissingRightAndCanICommand()
    {
        await using var ctx = new InClusterContext();
        var cut = ctx.Render<MainLayout>(p => p.Add(l => l.Body, Page));

        await ctx.PublishForbiddenAsync();
        var banner = cut.Find("[data-testid=state-forbidden]");
        Assert.Contains("may not read networkpolicies", banner.TextContent);
        await cut.ClickWhenStableAsync("[data-testid=state-forbidden] button");

        var commands = cut.FindAll("[data-testid=state-forbidden] .cn-command code").Select(c => c.TextContent).ToList();
        Assert.Contains("kubectl auth can-i list networkpolicies.networking.k8s.io --all-namespaces --as=system:serviceaccount:clusternet:clusternet", commands);
        Assert.Contains("list and watch on networkpolicies.networking.k8s.io in all namespaces", cut.Find("[data-testid=state-forbidden]").TextContent);
        Assert.Equal("page body", cut.Find("#page").TextContent);
    }

    [Fact]
    public async Task Render_KindError_BannerShowsWhatFailed()
    {
        var cut = RenderLayout();

        await Feed.PublishAsync(s => s with { Kinds = s.Kinds.SetItem(ResourceKind.Services, new KindStatus(KindState.Error, 0, "the server was unable to return a response")) });

        Assert.Contains("services: the server was unable to return a response", cut.Find("[data-testid=state-error]").TextContent);
    }

    [Fact]
    public async Task Escape_WithSelection_ClearsSelectionAndClosesDrawer()
    {
        Navigation.NavigateTo("/cluster?sel=pods/dev/pod1");
        var cut = RenderLayout();
        Assert.Equal("pods/dev/pod1", cut.Find("[data-testid=details]").GetAttribute("data-selected"));

        await cut.InvokeAsync(() => cut.Instance.OnEscape());

        Assert.Empty(cut.FindAll("[data-testid=details]"));
        Assert.DoesNotContain("sel=", Navigation.Uri);
    }

    [Fact]
    public async Task Dispose_Layout_RemovesFeedSubscriptions()
    {
        RenderLayout();
        Assert.True(Feed.SubscriberCount > 0);

        await DisposeComponentsAsync();

        Assert.Equal(0, Feed.SubscriberCount);
    }

    private sealed class InClusterContext()
        : ControlledShellTestContext(SampleCluster.Snapshot(source: new SourceInfo("incluster", "in-cluster")), "system:serviceaccount:clusternet:clusternet")
    {
        public Task PublishForbiddenAsync() => Feed.PublishAsync(s => s with
        {
            Kinds = s.Kinds.SetItem(ResourceKind.NetworkPolicies, new KindStatus(KindState.Forbidden, 0, "networkpolicies.networking.k8s.io is forbidden")),
        });
    }
}
