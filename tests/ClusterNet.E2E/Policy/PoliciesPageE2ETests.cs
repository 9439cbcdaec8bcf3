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
}
