using System.Reflection;
using Bunit;
using ClusterNet.Web.Navigation;
using Microsoft.Extensions.DependencyInjection;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Layout;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Shell;

public sealed class DetailsPanelTests : ControlledShellTestContext
{
    [Fact]
    public void Render_SelectedPod_ShowsNodeAndSelectingServices()
    {
        Navigation.NavigateTo("/cluster?sel=pods/prod/pod1");

        var cut = Render<DetailsPanel>();

        Assert.Contains("10.244.2.2", cut.Markup);
        var links = cut.FindAll("a.cn-object-link").Select(a => a.TextContent).ToList();
        Assert.Contains("node02", links);
        Assert.Contains("prod/web", links);
    }

    [Fact]
    public void Render_SelectedService_ShowsTrafficPolicyAndPickedPods()
    {
        Navigation.NavigateTo("/cluster?sel=services/prod/web");

        var cut = Render<DetailsPanel>();

        Assert.Contains("Local", cut.Markup);
        Assert.Contains("32000", cut.Markup);
        Assert.Contains("prod/pod1", cut.FindAll("a.cn-object-link").Select(a => a.TextContent));
    }

    [Fact]
    public async Task SelectedPod_Deleted_PanelSaysNotInSnapshot()
    {
        Navigation.NavigateTo("/cluster?sel=pods/prod/pod1");
        var cut = Render<DetailsPanel>();

        await Feed.PublishAsync(s => s with { Pods = KindCollection<PodInfo>.From(s.Pods.Where(p => p.Name != "pod1" || p.Namespace != "prod")) }, ResourceKind.Pods);

        Assert.Contains("Not in the current snapshot", cut.Markup);
    }

    [Fact]
    public void Render_DeletedObject_SaysNotInSnapshot()
    {
        Navigation.NavigateTo("/cluster?sel=pods/dev/gone");

        var cut = Render<DetailsPanel>();

        Assert.Contains("Not in the current snapshot", cut.Markup);
    }

    [Fact]
    public void Render_KindWithoutView_ShowsObjectFields()
    {
        Navigation.NavigateTo("/cluster?sel=namespaces/prod");

        var cut = Render<DetailsPanel>();

        Assert.Contains("\"name\": \"prod\"", cut.Find("pre.cn-json").TextContent);
    }

    [Fact]
    public async Task Render_SelectedGlobalNetworkSet_ShowsItsNets()
    {
        // Calico's network sets could not be opened at all: SnapshotLookup had no arm for them.
        Navigation.NavigateTo("/cluster?sel=globalnetworksets/blocklist");
        var cut = Render<DetailsPanel>();
        Assert.Contains("Not in the current snapshot", cut.Markup);

        var set = new CalicoNetworkSetInfo { Kind = CalicoNetworkSetKind.GlobalNetworkSet, Name = "blocklist", Nets = ["198.51.100.0/28"] };
        await Feed.PublishAsync(s => s with { CalicoGlobalNetworkSets = KindCollection<CalicoNetworkSetInfo>.From([set]) }, ResourceKind.CalicoGlobalNetworkSets);

        Assert.Contains("198.51.100.0/28", cut.Find("pre.cn-json").TextContent);
    }

    [Fact]
    public async Task Dispose_Panel_StopsListeningToSelection()
    {
        Navigation.NavigateTo("/cluster?sel=pods/prod/pod1");
        var selection = Services.GetRequiredService<SelectionService>();
        Render<DetailsPanel>();
        Assert.Equal(1, ChangedHandlers(selection));

        await DisposeComponentsAsync();

        // It used to stay subscribed: it implemented IDisposable over an IAsyncDisposable base, so Dispose() never ran.
        Assert.Equal(0, ChangedHandlers(selection));
        Assert.Equal(0, Feed.SubscriberCount);
    }

    private static int ChangedHandlers(SelectionService selection) =>
        (typeof(SelectionService).GetField(nameof(SelectionService.Changed), BindingFlags.Instance | BindingFlags.NonPublic)!
            .GetValue(selection) as Delegate)?.GetInvocationList().Length ?? 0;

    [Fact]
    public async Task ObjectLink_Click_SelectsLinkedObject()
    {
        Navigation.NavigateTo("/cluster?tab=pods&sel=pods/prod/pod1");
        var cut = Render<DetailsPanel>();

        var href = cut.FindAll("a.cn-object-link").First(a => a.TextContent == "node02").GetAttribute("href")!;
        await cut.InvokeAsync(() => Navigation.NavigateTo(href));

        Assert.Equal("nodes/node02", cut.Find("[data-testid=details]").GetAttribute("data-selected"));
        Assert.Contains("tab=pods", Navigation.Uri);
    }
}
