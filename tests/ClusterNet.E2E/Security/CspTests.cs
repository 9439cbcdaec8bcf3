using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Security;

/// <summary>
/// The app under its own Content-Security-Policy (script-src 'self', no inline scripts, no eval): every page of the
/// demo dashboard renders, the circuit connects and the graph library loads, and the browser reports no violation.
/// </summary>
public sealed class CspTests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    private static readonly (string Path, string Heading)[] Pages =
    [
        ("/topology", "Topology"),
        ("/policies", "Policies"),
        ("/dns", "DNS"),
        ("/client-ip", "Client IP"),
        ("/cluster", "Cluster"),
    ];

    [Fact]
    public async Task DemoPages_UnderCsp_RenderWithoutViolations()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        var csp = await CspViolationRecorder.AttachAsync(page);
        var response = await page.GotoAsync("/topology");
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);

        foreach (var (path, heading) in Pages)
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = heading, Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
            await Assertions.Expect(page.Locator(".cn-page-header__title")).ToHaveTextAsync(heading);
            // Let lazily imported modules (the graph) load and run.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // A full reload of a page with the graph: scripts loaded fresh, again under the policy.
        await page.GotoAsync("/topology");
        await Assertions.Expect(page.Locator(".cn-page-header__title")).ToHaveTextAsync("Topology");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(await csp.ViolationsAsync());
        Assert.Empty(errors);

        // Control: the policy is enforced and the recorder sees it (an injected inline script is blocked and reported).
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__inlineRan === true"));
        Assert.Contains(await csp.ViolationsAsync(), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }
}
