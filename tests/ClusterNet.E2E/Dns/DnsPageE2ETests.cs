using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Dns;

/// <summary>The DNS page in a real browser on the demo cluster.</summary>
public sealed class DnsPageE2ETests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    [Fact]
    public async Task OpenDns_DemoCluster_FlagsAlpinePhpAndDeepLinksItsLadder()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/dns");

        // Verdict first, and the Alpine PHP workload flagged critical in the findings table.
        await Assertions.Expect(page.GetByTestId("dns-verdict")).ToContainTextAsync("critical");
        // php-fpm and the ingress controller share the musl race: one group row, opened onto its workloads.
        var race = page.GetByTestId("dns-findings").Locator("[data-testid=dns-finding-group][data-code=musl-conntrack-race]");
        await Assertions.Expect(race).ToContainTextAsync("2 Deployments: each uses musl");
        await race.ClickAsync();
        var php = page.GetByTestId("dns-findings").Locator("tbody tr.cn-dns-finding--member").Filter(new() { HasText = "php-fpm uses musl" });
        await Assertions.Expect(php).ToHaveCountAsync(1);
        await Assertions.Expect(php.GetByTestId("dns-finding-severity")).ToHaveTextAsync("critical");
        await app.ScreenshotAsync(page, "dns-findings");

        // Its details carry the evidence and a link to look a name up from the pod.
        await php.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("finding=musl-conntrack-race"));
        await Assertions.Expect(page.GetByTestId("dns-finding-details")).ToContainTextAsync("3.10.0");
        await page.GetByTestId("dns-finding-details").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Look up a name from") }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("pod=shop%2Fphp-fpm"));

        // A name typed in the box lands in the URL and both ladders appear, musl marked as this pod's library. The page
        // renders the linked pod and name before it changes the URL, so the box already holds them when the URL does.
        Assert.Equal("www.example.com", await page.GetByLabel("Name to look up").InputValueAsync());
        await page.GetByLabel("Name to look up").FillAsync("baidu.com");
        await page.GetByLabel("Name to look up").PressAsync("Tab");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("name=baidu.com"));
        await Assertions.Expect(page.GetByTestId("dns-ladder-musl")).ToContainTextAsync("this pod's C library");
        await Assertions.Expect(page.GetByTestId("dns-ladder-glibc").GetByTestId("dns-query-row")).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByTestId("dns-verdict")).ToContainTextAsync("baidu.com costs 8 queries with musl and resolves");

        // The deep link alone reproduces the view.
        var link = page.Url;
        var second = await app.NewPageAsync(consoleErrors: errors);
        await second.GotoAsync(link);
        await Assertions.Expect(second.GetByTestId("dns-ladder-musl").GetByTestId("dns-query-row")).ToHaveCountAsync(8);
        await app.ScreenshotAsync(second, "dns-ladders");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FindingScenarioLink_ConntrackRace_OpensTheTimeline()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/dns?finding=" + Uri.EscapeDataString("musl-conntrack-race:Deployment shop/php-fpm"));

        // The finding links to the scenario that proves it; following the link runs it for the finding's pod.
        var link = page.GetByTestId("dns-finding-scenario");
        await Assertions.Expect(link).ToContainTextAsync("conntrack race");
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("case=conntrack-race"));

        // The pod's library (musl) first, verdict first, then the lost queries and the timers that fired.
        var musl = page.GetByTestId("dns-timeline-musl");
        await Assertions.Expect(musl.GetByTestId("dns-timeline-verdict")).ToContainTextAsync("lost");
        await Assertions.Expect(musl.Locator("[data-testid=dns-timeline-event][data-kind=lost]").First).ToBeVisibleAsync();
        await Assertions.Expect(musl.Locator("[data-testid=dns-timeline-event][data-kind=timer]").First).ToContainTextAsync("retransmission timer");
        await Assertions.Expect(musl.Locator("[data-testid=dns-timeline-event]").Last).ToHaveAttributeAsync("data-kind", "result");
        await app.ScreenshotAsync(page, "dns-timeline");
        await page.GetByTestId("dns-verdict").ScrollIntoViewIfNeededAsync();
        await app.ScreenshotAsync(page, "dns-scenario");
        Assert.Empty(errors);
    }
}
