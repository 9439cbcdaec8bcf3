using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Demo;
using ClusterNet.Web.ClientIp;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ClientIpPage = ClusterNet.Web.Components.Pages.ClientIp;

namespace ClusterNet.Web.Tests.ClientIp;

/// <summary>
/// Gateways on the Client IP page over the demo cluster (Envoy Gateway dev/eg in front of dev/myapp): the row in the
/// "client IP preserved?" table, the path drawn for the selected Gateway, the deep link, and a live change.
/// </summary>
public sealed class GatewayClientIpPageTests : ShellTestContext
{
    private readonly ControlledSnapshotFeed _feed;

    public GatewayClientIpPageTests()
        : base(new TestClusterSource(objects: DemoClusterSource.LoadManifest().Objects))
    {
        _feed = new ControlledSnapshotFeed(Source.Store.Current);
        Services.AddSingleton<ISnapshotFeed>(_feed);
        Services.AddClientIpPage();
    }

    private IRenderedComponent<ClientIpPage> RenderAt(string url)
    {
        Navigation.NavigateTo(url);
        return Render<ClientIpPage>();
    }

    [Fact]
    public void DeepLink_Gateway_PathDrawnWithGatewayHopAndFix()
    {
        var cut = RenderAt("/client-ip?gateway=dev/eg");

        Assert.Contains("Lost", cut.Find("[data-testid=client-ip-verdict]").TextContent);
        var diagram = cut.Find("[data-testid=client-ip-diagram]");
        Assert.Equal("7", diagram.GetAttribute("data-hops"));
        Assert.NotNull(diagram.QuerySelector(".cn-cip-box--gateway"));
        var risk = cut.Find("[data-testid=client-ip-risks] [data-code=gateway-etp-cluster]");
        Assert.Contains("kind: EnvoyProxy", risk.QuerySelector("[data-testid=finding-fix] pre")!.TextContent);
        Assert.Contains("Gateway dev/eg", cut.Find("[data-testid=client-ip-picker]").OuterHtml);
    }

    [Fact]
    public void DeepLink_Gateway_LinksToPacketWalkThroughItsListener()
    {
        var cut = RenderAt("/client-ip?gateway=dev/eg");

        var link = cut.Find("[data-testid=client-ip-packet-walk]");
        Assert.Equal("/topology?from=external&to=gw/dev/eg&port=80", link.GetAttribute("href"));

        // The Topology page's own parser reads the link as a walk from outside through the Gateway's listener.
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link.GetAttribute("href")).Query);
        var parsed = ClusterNet.Core.Topology.PacketWalkQueryParser.Parse(ClusterNet.Core.Queries.QueryInput.Parameters(
            query.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString()))));
        Assert.True(parsed.Ok);
        Assert.Equal("external", parsed.Query!.From);
        Assert.Equal("gw/dev/eg", parsed.Query.To);
        Assert.Equal(80, parsed.Query.Port);
    }

    [Fact]
    public void DeepLink_Service_NoPacketWalkLink()
    {
        var cut = RenderAt("/client-ip?service=dev/myapp");

        Assert.NotNull(cut.Find("[data-testid=client-ip-verdict]"));
        Assert.Empty(cut.FindAll("[data-testid=client-ip-packet-walk]"));
    }

    [Fact]
    public void Overview_GatewayRow_ClickSelectsTheGateway()
    {
        var cut = RenderAt("/client-ip");

        var row = cut.FindAll("[aria-label='Exposed services'] tbody tr").Single(r => r.TextContent.Contains("Gateway dev/eg listener http", StringComparison.Ordinal));
        Assert.Equal("dev/myapp", row.QuerySelector("td[data-label=Service]")!.TextContent.Trim());

        cut.ClickWhenStable(() => cut.FindAll("[aria-label='Exposed services'] tbody tr").Single(r => r.TextContent.Contains("Gateway dev/eg", StringComparison.Ordinal)));

        Assert.Contains("gateway=dev%2Feg", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("Lost", cut.Find("[data-testid=client-ip-verdict]").TextContent);
        Assert.Contains("cn-row--selected", cut.FindAll("[aria-label='Exposed services'] tbody tr").Single(r => r.TextContent.Contains("Gateway dev/eg", StringComparison.Ordinal)).ClassName);
    }

    [Fact]
    public async Task LiveSnapshot_EnvoyServiceLocalAndNoTrustedHops_VerdictFollows()
    {
        var cut = RenderAt("/client-ip?gateway=dev/eg");
        Assert.Contains("Lost", cut.Find("[data-testid=client-ip-verdict]").TextContent);

        var envoy = Source.Store.Current.Services.Get("envoy-gateway-system", "envoy-dev-eg-5f7b9c3d")!;
        var ctp = Source.Store.Current.ClientTrafficPolicies.Get("dev", "client-ip")!;
        await _feed.PublishAsync(Publish(s =>
        {
            s.Upsert(envoy with { ExternalTrafficPolicy = "Local" });
            s.Upsert(ctp with { ClientIpDetection = null });
        }), ResourceKind.Services, ResourceKind.ClientTrafficPolicies);

        Assert.Contains("In a header", cut.Find("[data-testid=client-ip-verdict]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=client-ip-risks] [data-code^=gateway-]"));
    }

    [Fact]
    public void MissingGateway_SaysSo()
    {
        var cut = RenderAt("/client-ip?gateway=dev/nope");

        Assert.Contains("dev/nope", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=client-ip-diagram]"));
    }
}
