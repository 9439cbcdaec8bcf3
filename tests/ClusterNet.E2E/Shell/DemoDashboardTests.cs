using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Shell;

public sealed class DemoDashboardTests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    private static readonly (string Link, string Path, string Heading)[] Views =
    [
        ("Topology", "/topology", "Topology"),
        ("Policies", "/policies", "Policies"),
        ("DNS", "/dns", "DNS"),
        ("Client IP", "/client-ip", "Client IP"),
        ("Cluster", "/cluster", "Cluster"),
    ];

    [Fact]
    public async Task OpenDemo_NavigateEveryPageWithoutReload_SeesLiveSnapshotChange()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/");

        // The demo is labelled as such, and the first view is there.
        await Assertions.Expect(page.GetByTestId("source")).ToContainTextAsync("Demo cluster");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/topology$"));
        await page.EvaluateAsync("() => { window.__clusternetNoReload = true; }");

        foreach (var (link, path, heading) in Views)
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Assertions.Expect(page.Locator(".cn-page-header__title")).ToHaveTextAsync(heading);
            await app.ScreenshotAsync(page, $"page{path.Replace('/', '-')}");
        }

        // Cluster page lists the demo's nodes and pods.
        await Assertions.Expect(page.Locator("[aria-label=Nodes] tbody tr")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Pods") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("tab=pods"));
        await Assertions.Expect(page.Locator("[aria-label=Pods] tbody tr").Nth(3)).ToBeVisibleAsync();

        // The demo changes every second: the version in the top bar moves without a reload.
        var version = await page.GetByTestId("snapshot-version").TextContentAsync();
        await Assertions.Expect(page.GetByTestId("snapshot-version")).Not.ToHaveTextAsync(version!, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__clusternetNoReload === true"));
        await app.ScreenshotAsync(page, "cluster-pods");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Search_SlashThenPodName_OpensDetailsDrawerWithDeepLink()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/cluster");
        await Assertions.Expect(page.GetByTestId("source")).ToContainTextAsync("Demo cluster");

        await Assertions.Expect(page.Locator("html[data-clusternet-shortcuts=ready]")).ToHaveCountAsync(1);
        await page.Locator("body").PressAsync("/");
        await Assertions.Expect(page.Locator("#global-search")).ToBeFocusedAsync();
        // A node address: stable while the demo restarts pods with new IPs.
        await page.Locator("#global-search").FillAsync("172.16.100.102");
        var hit = page.Locator(".cn-search__hit").First;
        await Assertions.Expect(hit).ToContainTextAsync("node01");
        await hit.ClickAsync();

        var details = page.GetByTestId("details");
        await Assertions.Expect(details).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sel=nodes%2Fnode01"));
        await app.ScreenshotAsync(page, "details-node");

        // The link reproduces the view; Esc closes the drawer.
        var link = page.Url;
        var second = await app.NewPageAsync(ColorScheme.Dark);
        await second.GotoAsync(link);
        await Assertions.Expect(second.Locator(".cn-layout")).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(second.GetByTestId("details")).ToHaveAttributeAsync("data-selected", (await details.GetAttributeAsync("data-selected"))!);
        await app.ScreenshotAsync(second, "details-node-dark");
        await Assertions.Expect(second.Locator("html[data-clusternet-shortcuts=ready]")).ToHaveCountAsync(1);
        await second.Locator("body").PressAsync("Escape");
        await Assertions.Expect(second.GetByTestId("details")).ToHaveCountAsync(0);
        Assert.DoesNotContain("sel=", second.Url);
        Assert.Empty(errors);
    }
}
