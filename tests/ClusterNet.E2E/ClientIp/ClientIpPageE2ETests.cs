using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.ClientIp;

/// <summary>The Client IP page in a real browser on the demo cluster: table → path drawing → deep link → decoder.</summary>
public sealed class ClientIpPageE2ETests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    [Fact]
    public async Task ClientIpPage_PickFromTableThenDecode_VerdictDiagramAndDeepLink()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/client-ip");
        // No prerendering: the header appears once the app's first circuit is up, which on a cold, loaded machine takes longer than the 5 s default.
        await Assertions.Expect(page.Locator(".cn-page-header__title")).ToHaveTextAsync("Client IP", new() { Timeout = 30_000 });

        // The table shows every exposed Service; the demo's ingress controller keeps clients (Local), its NodePort app loses them (Cluster).
        var table = page.Locator("[aria-label='Exposed services']");
        var controllerRow = table.Locator("tbody tr", new() { HasText = "ingress-nginx/ingress-nginx-controller" });
        await Assertions.Expect(controllerRow).ToContainTextAsync("yes");
        var nodePortRow = table.Locator("tbody tr").Filter(new() { Has = page.Locator("td[data-label='Exposed via']", new() { HasTextRegex = new Regex("^\\s*NodePort\\s*$") }) });
        await Assertions.Expect(nodePortRow.First).ToContainTextAsync("no: lost");

        // Clicking a row puts the Service in the URL and draws its path with the SNAT hop.
        await nodePortRow.First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("service=dev%2Fmyapp"));
        await Assertions.Expect(page.GetByTestId("client-ip-verdict")).ToContainTextAsync("Lost");
        var diagram = page.GetByTestId("client-ip-diagram");
        await Assertions.Expect(diagram).ToHaveAttributeAsync("data-snat", "1");
        await Assertions.Expect(diagram.Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=client-ip-risks] [data-code=cluster-policy-snat] [data-testid=finding-fix] pre")).ToContainTextAsync("externalTrafficPolicy: Local");
        await app.ScreenshotAsync(page, "client-ip-nodeport");

        // The link reproduces the view in a fresh page.
        var link = page.Url;
        var second = await app.NewPageAsync(ColorScheme.Dark, consoleErrors: errors);
        await second.GotoAsync(link);
        await Assertions.Expect(second.GetByTestId("client-ip-verdict")).ToContainTextAsync("Lost");

        // Dark mode: the drawing takes the theme's colours (a box is as dark as the surface, its title as light as the text).
        await Assertions.Expect(second.Locator(".cn-layout")).ToHaveAttributeAsync("data-theme", "dark");
        var colours = await second.GetByTestId("client-ip-diagram").EvaluateAsync<string[]>(
            "f => [getComputedStyle(f.querySelector('.cn-cip-box rect')).fill, getComputedStyle(f.querySelector('.cn-cip-box__title')).fill]");
        Assert.True(Luminance(colours[0]) < 0.3, $"box fill {colours[0]} in dark mode");
        Assert.True(Luminance(colours[1]) > 0.6, $"box title {colours[1]} in dark mode");
        await app.ScreenshotAsync(second, "client-ip-nodeport-dark");

        // The decoder: no trusted proxies → nginx ignores the header, ASP.NET trusts everyone.
        var trusted = page.GetByRole(AriaRole.Textbox, new() { Name = "Trusted proxies" });
        await trusted.FillAsync("");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("trusted=none"));
        await Assertions.Expect(page.GetByTestId("decode-nginx-ip")).ToHaveTextAsync("10.244.1.5");
        await Assertions.Expect(page.GetByTestId("decode-aspnet-ip")).ToHaveTextAsync("203.0.113.7");
        await app.ScreenshotAsync(page, "client-ip-decoder");

        // An Ingress path: client → LB → node → ingress-nginx → app, with the headers the controller adds.
        await page.GotoAsync("/client-ip?ingress=dev%2Fmyapp");
        await Assertions.Expect(page.GetByTestId("client-ip-diagram")).ToHaveAttributeAsync("data-hops", "5");
        await Assertions.Expect(page.GetByTestId("app-client-ip-from")).ToContainTextAsync("X-Forwarded-For");
        await app.ScreenshotAsync(page, "client-ip-ingress");

        // The echo endpoint answers for this browser.
        var echo = await page.APIRequest.GetAsync("/api/echo");
        Assert.Equal(200, echo.Status);
        Assert.Contains("\"remoteAddress\":\"127.0.0.1\"", await echo.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    /// <summary>Relative brightness 0..1 of a computed "rgb(r, g, b)" / "rgba(...)" colour.</summary>
    private static double Luminance(string css)
    {
        var parts = Regex.Matches(css, @"[\d.]+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]) / 255;
    }
}
