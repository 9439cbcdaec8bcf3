using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Policy;

public sealed class PoliciesPageE2ETests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    [Fact]
    public async Task OpenCellExplanation_ThenWhatIfDeletePolicy_ShowsVerdictAndFlippedCells()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/policies?probe=80/TCP");
        await Assertions.Expect(page.GetByTestId("policy-ns-matrix")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("policy-summary")).ToContainTextAsync(new Regex(@"\d+ of \d+ namespace pairs have denied traffic on TCP 80"));

        // Drill down prod → dev, then open the prod/pod1 → dev/pod1 cell.
        await page.Locator("[data-testid=policy-ns-matrix] button[data-from=prod][data-to=dev]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("from=prod"));
        await page.Locator("[data-testid=policy-pod-matrix] button[data-from='prod/pod1'][data-to='dev/pod1']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("cell=prod%2Fpod1%3Edev%2Fpod1"));
        await Assertions.Expect(page.GetByTestId("policy-verdict")).ToContainTextAsync("Denied");
        await Assertions.Expect(page.GetByTestId("policy-verdict-word")).ToContainTextAsync("denied");
        await Assertions.Expect(page.GetByTestId("policy-verdict")).ToContainTextAsync("deny-all-egress");
        await app.ScreenshotAsync(page, "policies-cell");

        // What-if: without deny-all-egress, prod's outbound cells flip (on every container port, not only the probe shown).
        await page.GetByLabel("Policies to delete").FillAsync("prod/deny-all-egress");
        await page.GetByLabel("Policies to delete").PressAsync("Tab");
        await page.GetByTestId("policy-whatif-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("policy-whatif-summary")).ToContainTextAsync(new Regex(@"^[1-9]\d* cell\(s\) flip"));
        await Assertions.Expect(page.GetByTestId("policy-whatif-flipped")).ToContainTextAsync("prod/pod1");
        await app.ScreenshotAsync(page, "policies-what-if");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task DarkMode_MatrixColoursFollowTheTheme()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(ColorScheme.Dark, errors);
        await page.GotoAsync("/policies?probe=80/TCP&from=prod&to=dev&cell=prod%2Fpod1%3Edev%2Fpod1");
        // The theme follows the system scheme once the circuit has connected: on a cold app that can take longer than 5 s.
        await Assertions.Expect(page.Locator(".cn-layout")).ToHaveAttributeAsync("data-theme", "dark", new() { Timeout = 20_000 });
        var denied = page.Locator("[data-testid=policy-ns-matrix] button[data-from=prod][data-to=dev]");
        await Assertions.Expect(denied).ToHaveAttributeAsync("data-state", "none");

        // Text on the cells and the matrix headers is the theme's (light on dark), the border the theme's error colour.
        var (text, border, error) = (await denied.EvaluateAsync<string>("e => getComputedStyle(e).color"),
            await denied.EvaluateAsync<string>("e => getComputedStyle(e).borderTopColor"),
            await page.EvaluateAsync<string>("() => { const d = document.createElement('div'); d.style.color = 'var(--mud-palette-error)'; document.body.append(d); const c = getComputedStyle(d).color; d.remove(); return c; }"));
        Assert.True(Luminance(text) > 0.5, $"cell text {text} is not light on the dark theme");
        Assert.Equal(error, border);
        Assert.True(Luminance(await page.Locator("[data-testid=policy-ns-matrix] th").First.EvaluateAsync<string>("e => getComputedStyle(e).color")) > 0.5);
        await app.ScreenshotAsync(page, "policies-dark");
        Assert.Empty(errors);
    }

    private static double Luminance(string rgb)
    {
        var parts = Regex.Matches(rgb, @"[\d.]+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (parts[0] + parts[1] + parts[2]) / (3 * 255);
    }
}
