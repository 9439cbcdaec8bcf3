using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Security;

/// <summary>The app in Token mode on loopback, as deployed (Production, a token file).</summary>
public sealed class TokenAppFixture : ClusterNetAppFixture
{
    public const string Token = "b10b10b10b10b10b10b10b10b10b10b1";

    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"clusternet-e2e-token-{Guid.NewGuid():N}");

    protected override IEnumerable<string> Arguments
    {
        get
        {
            File.WriteAllText(_tokenFile, Token);
            return [.. base.Arguments, "--Auth:Mode=Token", $"--Auth:TokenFile={_tokenFile}"];
        }
    }
}

/// <summary>
/// A browser signs in with the token: a wrong token shows the error, the right one lands on the page it asked for,
/// and the live dashboard (circuit over the cookie, under the CSP) works; without the cookie every page sends it back
/// to the login form.
/// </summary>
public sealed class TokenLoginBrowserTests(TokenAppFixture app) : IClassFixture<TokenAppFixture>
{
    [Fact]
    public async Task Login_WrongThenRightToken_DashboardWorksUnderCsp()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        var csp = await CspViolationRecorder.AttachAsync(page);

        await page.GotoAsync("/cluster");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fcluster$"));

        await page.GetByLabel("Access token").FillAsync("definitely-not-the-token-000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That token is not valid.");

        await page.GetByLabel("Access token").FillAsync(TokenAppFixture.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/cluster$"));
        await Assertions.Expect(page.GetByTestId("source")).ToContainTextAsync("Demo cluster");
        await Assertions.Expect(page.Locator("[aria-label=Nodes] tbody tr")).ToHaveCountAsync(3);

        // The cookie is not readable by scripts.
        Assert.DoesNotContain("clusternet.auth", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "clusternet.auth");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // Live updates arrive over the authenticated circuit.
        var version = await page.GetByTestId("snapshot-version").TextContentAsync();
        await Assertions.Expect(page.GetByTestId("snapshot-version")).Not.ToHaveTextAsync(version!, new() { Timeout = 15_000 });

        Assert.Empty(await csp.ViolationsAsync());
        Assert.Empty(errors);
    }
}
