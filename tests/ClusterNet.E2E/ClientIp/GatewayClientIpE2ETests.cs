using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.ClientIp;

/// <summary>The demo's Envoy Gateway path in a real browser: the Gateway row of the table → the path drawn with the gateway hop → the deep link.</summary>
public sealed class GatewayClientIpE2ETests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    [Fact]
    public async Task ClientIpPage_GatewayRow_PathDrawnAndDeepLink()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/client-ip");
        // No prerendering: the header appears once the app's first circuit is up, which on a cold, loaded machine takes longer than the 5 s default.
        await Assertions.Expect(page.Locator(".cn-page-header__title")).ToHaveTextAsync("Client IP", new() { Timeout = 30_000 });

        // dev/myapp behind Gateway dev/eg: the EnvoyProxy asks for externalTrafficPolicy Cluster, so the client is lost.
        var row = page.Locator("[aria-label='Exposed services'] tbody tr", new() { HasText = "Gateway dev/eg listener http" });
        await Assertions.Expect(row).ToContainTextAsync("dev/myapp");
        await Assertions.Expect(row).ToContainTextAsync("no: lost");

        await row.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("gateway=dev%2Feg"));
        await Assertions.Expect(page.GetByTestId("client-ip-verdict")).ToContainTextAsync("Lost");
        var diagram = page.GetByTestId("client-ip-diagram");
        await Assertions.Expect(diagram).ToHaveAttributeAsync("data-hops", "7");
        await Assertions.Expect(diagram.Locator(".cn-cip-box--gateway")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=client-ip-risks] [data-code=gateway-etp-cluster] [data-testid=finding-fix] pre")).ToContainTextAsync("kind: EnvoyProxy");
        await Assertions.Expect(page.Locator("[data-testid=client-ip-risks] [data-code=gateway-trusted-hops-exceed-proxies]")).ToBeVisibleAsync();

        // The link reproduces the view in a fresh page.
        var second = await app.NewPageAsync(consoleErrors: errors);
        await second.GotoAsync(page.Url);
        await Assertions.Expect(second.GetByTestId("client-ip-diagram")).ToHaveAttributeAsync("data-hops", "7", new() { Timeout = 30_000 });
        Assert.Empty(errors);
    }
}
