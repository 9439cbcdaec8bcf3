using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Model;
using ClusterNet.Web.PageModels.ClientIp;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>The Client IP page model without a renderer: URL state in, view out.</summary>
public sealed class ClientIpPageModelTests
{
    private static ClusterSnapshot Sample() => new TestClusterSource(objects: SampleCluster.Objects()).Store.Current;

    [Fact]
    public void Update_UserLeftThePageAndNewerSnapshotSettled_ShownSnapshotNoLongerReferenced()
    {
        using var caches = new SnapshotCaches();
        var model = new ClientIpPageModel(caches: caches);
        var shown = UpdateWeak(model, new ClientIpUrlState { Service = "prod/web", Route = "in-cluster" });

        // The user went to another page (this circuit-scoped model is not updated again) and the cluster moved on.
        caches.Settled(100);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Its memos must not keep the snapshot of that earlier visit alive for the circuit's life.
        Assert.False(shown.IsAlive);
        Assert.NotNull(model.View);
    }

    /// <summary>Shows a fresh snapshot and keeps only a weak reference to it (no local outlives this method).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference UpdateWeak(ClientIpPageModel model, ClientIpUrlState url)
    {
        var snapshot = Sample();
        model.Update(snapshot, url);
        return new WeakReference(snapshot);
    }

    [Fact]
    public void Update_NoSubject_HintOverviewAndExampleDecoder()
    {
        var view = new ClientIpPageModel().Update(Sample(), new ClientIpUrlState());

        Assert.True(view.ShowHint);
        Assert.Null(view.SelectedKey);
        var row = Assert.Single(view.Rows);
        Assert.Equal("service:prod/web", row.Key);
        Assert.Equal(ClientIpTone.Success, row.Badge.Tone);
        Assert.Equal("yes: socket address", row.Badge.Text);
        Assert.Contains(view.Choices, c => c.Key == "service:dev/web" && c.Label == "Service dev/web (ClusterIP)");
        Assert.Equal("203.0.113.7", view.Decoder.Result!.Nginx.ClientIp);
    }

    [Fact]
    public void Update_Service_PanelWithRoutesAndSelectedRow()
    {
        var view = new ClientIpPageModel().Update(Sample(), new ClientIpUrlState { Service = "prod/web", Route = "in-cluster" });

        var panel = view.Report!;
        Assert.Equal("service:prod/web", view.SelectedKey);
        Assert.True(Assert.Single(view.Rows).Selected);
        Assert.Equal("in-cluster", panel.Current!.Id);
        Assert.True(panel.ShowCurrentVerdict);
        Assert.Equal(["lb", "nodeport", "in-cluster"], panel.Tabs.Select(t => t.Id));
        Assert.Equal("in-cluster", Assert.Single(panel.Tabs, t => t.Selected).Id);
        Assert.NotNull(panel.Details);
        Assert.Equal("Service prod/web (LoadBalancer)", view.LabelOf(view.SelectedKey));
        Assert.NotNull(panel.Diagram);
    }

    [Fact]
    public void Update_UnknownRoute_FirstRoute()
    {
        var panel = new ClientIpPageModel().Update(Sample(), new ClientIpUrlState { Service = "prod/web", Route = "nope" }).Report!;

        Assert.Equal("lb", panel.Current!.Id);
        Assert.False(panel.ShowCurrentVerdict);
    }

    [Theory]
    [InlineData("nope", null, "service 'nope': expected NAMESPACE/NAME")]
    [InlineData("a/b", "c/d", "give service or ingress, not both")]
    [InlineData(null, "x/y/z", "ingress 'x/y/z': expected NAMESPACE/NAME")]
    public void Update_BadPath_ErrorInUrlWords(string? service, string? ingress, string message)
    {
        var view = new ClientIpPageModel().Update(Sample(), new ClientIpUrlState { Service = service, Ingress = ingress });

        Assert.Equal(message, view.QueryError);
        Assert.Null(view.Report);
        Assert.False(view.ShowHint);
    }

    [Fact]
    public void Update_Missing_ObjectRefForEmptyState()
    {
        var view = new ClientIpPageModel().Update(Sample(), new ClientIpUrlState { Ingress = "prod/gone" });

        Assert.Equal(ResourceKind.Ingresses, view.Missing!.Kind);
        Assert.Equal(new ObjectKey("prod", "gone"), view.Missing.Key);
    }

    [Fact]
    public void Update_SameSnapshotAndSubject_ReportReused()
    {
        var model = new ClientIpPageModel();
        var snapshot = Sample();
        var first = model.Update(snapshot, new ClientIpUrlState { Service = "prod/web" }).Report!.Report;
        var second = model.Update(snapshot, new ClientIpUrlState { Service = "prod/web", Route = "in-cluster" }).Report!.Report;
        var other = model.Update(new TestClusterSource(objects: SampleCluster.Objects()).Store.Current, new ClientIpUrlState { Service = "prod/web" }).Report!.Report;

        Assert.Same(first, second);
        Assert.NotSame(first, other);
    }

    [Fact]
    public void Decoder_BadRemote_ErrorFromTheSharedParser()
    {
        var view = new ClientIpPageModel().Update(Sample(), new ClientIpUrlState { Remote = "not-an-ip" });

        Assert.Null(view.Decoder.Result);
        Assert.Equal("remote address 'not-an-ip' is not an IP address", view.Decoder.Error);
    }

    [Fact]
    public void GatewayPacketWalkUrl_PortOfTheSelectedRoutesListener()
    {
        var gateway = new GatewayInfo
        {
            Namespace = "edge", Name = "public", GatewayClassName = "eg",
            Listeners = [new GatewayListenerInfo { Name = "http", Port = 80 }, new GatewayListenerInfo { Name = "https", Port = 443 }],
        };
        ClientIpRoute Route(string id) => new()
        {
            Id = id, Name = id, Outcome = ClientIpOutcome.Lost, Verdict = "-",
            App = new ClientIpAppView { SocketIs = ClientIpPeer.Gateway, SocketRemoteAddress = "-", ClientIpFrom = "-" },
        };

        Assert.Equal("/topology?from=external&to=gw/edge/public&port=443", ClientIpPageModel.GatewayPacketWalkUrl(gateway, Route("https/httproute/shop/web/0")));
        Assert.Equal("/topology?from=external&to=gw/edge/public&port=443", ClientIpPageModel.GatewayPacketWalkUrl(gateway, Route("https")));
        Assert.Equal("/topology?from=external&to=gw/edge/public&port=80", ClientIpPageModel.GatewayPacketWalkUrl(gateway, null));
        Assert.Null(ClientIpPageModel.GatewayPacketWalkUrl(gateway with { Listeners = [] }, null));
    }

    [Fact]
    public void DecoderParameters_EnvoySettings_RoundTripThroughUrlState()
    {
        var defaults = ClientIpPageModel.DecoderParameters(ClientIpPageModel.DecoderInput(new ClientIpUrlState()));
        Assert.Null(defaults["hops"]);
        Assert.Null(defaults["ura"]);

        var input = ClientIpPageModel.DecoderInput(new ClientIpUrlState()) with { XffNumTrustedHops = "2", UseRemoteAddress = true };
        var p = ClientIpPageModel.DecoderParameters(input);

        Assert.Equal("2", p["hops"]);
        Assert.Equal("on", p["ura"]);
        var back = ClientIpPageModel.DecoderInput(new ClientIpUrlState { Hops = (string)p["hops"]!, UseRemote = (string)p["ura"]! });
        Assert.Equal("2", back.XffNumTrustedHops);
        Assert.True(back.UseRemoteAddress);
    }

    [Fact]
    public void DecoderParameters_RoundTripThroughUrlState()
    {
        var input = ClientIpPageModel.DecoderInput(new ClientIpUrlState()) with { Trusted = "", Headers = [], Recursive = true, ForwardLimit = "none" };

        var p = ClientIpPageModel.DecoderParameters(input);

        Assert.Null(p["remote"]);
        Assert.Equal(new[] { "" }, p["h"]);
        Assert.Equal("none", p["trusted"]);
        Assert.Equal("on", p["rec"]);
        Assert.Equal("none", p["limit"]);
        var back = ClientIpPageModel.DecoderInput(new ClientIpUrlState
        {
            Headers = [.. (string[])p["h"]!], Trusted = (string)p["trusted"]!, Recursive = (string)p["rec"]!, Limit = (string)p["limit"]!,
        });
        Assert.Equal(input.Trusted, back.Trusted);
        Assert.Empty(back.Headers);
        Assert.True(back.Recursive);
    }

    [Fact]
    public void Select_KeyToUrl_RouteResets()
    {
        Assert.Equal([("service", (string?)null), ("ingress", "shop/web"), ("gateway", null), ("route", null)], ClientIpPageModel.Select("ingress:shop/web"));
        Assert.Equal([("service", (string?)null), ("ingress", null), ("gateway", "dev/eg"), ("route", null)], ClientIpPageModel.Select("gateway:dev/eg"));
        Assert.Equal([("service", (string?)null), ("ingress", null), ("gateway", null), ("route", null)], ClientIpPageModel.Select(null));
    }

    [Fact]
    public void HeaderLines_BlankLinesDropped_OrderKept()
    {
        Assert.Equal(new[] { "X-Forwarded-For: 1.1.1.1", "X-Forwarded-For: 2.2.2.2" }, ClientIpPageModel.HeaderLines("X-Forwarded-For: 1.1.1.1\r\n\n  \nX-Forwarded-For: 2.2.2.2").ToArray());
    }

    [Fact]
    public async Task UpdateInBackground_OvertakenByUrlUpdate_Dropped()
    {
        var release = new TaskCompletionSource();
        var model = new ClientIpPageModel(async compute =>
        {
            await release.Task;
            return compute();
        });
        var older = Sample();
        var newer = new TestClusterSource(objects: SampleCluster.Objects()).Store.Current;

        var background = model.UpdateInBackgroundAsync(older, new ClientIpUrlState { Service = "prod/web" });
        var now = model.Update(newer, new ClientIpUrlState { Service = "prod/web", Route = "in-cluster" });
        release.SetResult();

        Assert.Null(await background);
        Assert.Same(now, model.View);
        Assert.Equal("in-cluster", model.View!.Report!.Current!.Id);
    }

    [Fact]
    public async Task UpdateInBackground_Latest_Applied()
    {
        var model = new ClientIpPageModel(compute => Task.FromResult(compute()));

        var view = await model.UpdateInBackgroundAsync(Sample(), new ClientIpUrlState { Ingress = "prod/none" });

        Assert.Same(view, model.View);
        Assert.NotNull(view!.Missing);
    }
}
