using Microsoft.Playwright;

namespace ClusterNet.Bench.Web;

/// <summary>
/// One dashboard page as a user reaches it: the route, and what shows that the page is drawn. <see cref="All"/> is every
/// page of the main menu, the Policies page twice (the namespace matrix, then a namespace pair's pod matrix).
/// </summary>
public sealed record WebPageVisit(string Name, string Route, string Ready, string? Click = null)
{
    public static IReadOnlyList<WebPageVisit> All { get; } =
    [
        new("Topology", "/topology", "[data-testid=topology-graph][data-ready=true]"),
        new("Policies", "/policies", "[data-testid=policy-ns-matrix]"),
        new("Policies pod matrix", "/policies", "[data-testid=policy-pod-matrix]", "[data-testid=policy-ns-matrix] button[data-from=ns0][data-to=ns1]"),
        new("DNS", "/dns", "[data-testid=dns-findings]"),
        new("Client IP", "/client-ip", "[aria-label='Exposed services']"),
        new("Cluster", "/cluster", "[data-testid=count-pods]"),
    ];

    private static readonly LocatorAssertionsToHaveCountOptions Wait = new() { Timeout = 180_000 };

    /// <summary>Opens the page in a fresh document (a new circuit).</summary>
    public async Task OpenAsync(IPage page)
    {
        await page.GotoAsync(Route, new() { Timeout = 180_000 });
        await DrawnAsync(page);
    }

    /// <summary>Reaches the page from the one shown, as a user does: the menu link (the same circuit), then the click if any.</summary>
    public async Task NavigateAsync(IPage page)
    {
        if (Click is null || !page.Url.Contains(Route, StringComparison.Ordinal))
        {
            await page.Locator($"nav.cn-nav a[href='{Route}']").ClickAsync();
        }

        await DrawnAsync(page);
    }

    private async Task DrawnAsync(IPage page)
    {
        if (Click is not null)
        {
            await Assertions.Expect(page.Locator(Click)).ToHaveCountAsync(1, Wait);
            await page.Locator(Click).ClickAsync();
        }

        await Assertions.Expect(page.Locator(Ready)).ToHaveCountAsync(1, Wait);
    }
}
