using System.Net;
using System.Text.RegularExpressions;
using ClusterNet.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Shell;

/// <summary>The shell in a real browser: phone width, the 404 page, the remembered theme, the skip link, the drawer.</summary>
public sealed class ShellLayoutTests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    private static readonly string[] Pages =
    [
        "/policies", "/topology", "/dns", "/client-ip", "/cluster", "/cluster?tab=pods", "/cluster?tab=services", "/cluster?tab=sync", "/no-such-page",
    ];

    private async Task<IPage> NewPageAsync(int width, int height, List<string>? errors = null)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        if (errors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
        }

        return page;
    }

    /// <summary>The live layout is there and its page rendered (the skeleton is gone).</summary>
    private static async Task WaitForShellAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("html[data-clusternet-shortcuts=ready]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("boot-skeleton")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".cn-layout .cn-page-header__title, .cn-layout [data-testid=not-found]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PhoneWidth_EveryPage_NoSidewaysScrollMenuSearchAndThemeReachable()
    {
        var errors = new List<string>();
        var page = await NewPageAsync(390, 844, errors);
        var wide = new List<string>();
        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            await WaitForShellAsync(page);
            // Let late content (graph, tables) lay out before measuring.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var (scroll, inner) = await MeasureAsync(page);
            if (scroll > inner)
            {
                var culprits = await page.EvaluateAsync<string>(WidestElements);
                wide.Add($"{path}: scrollWidth {scroll} > innerWidth {inner}: {culprits}");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(app.ScreenshotDirectory, $"phone-overflow{path.Replace('/', '-').Replace('?', '-').Replace('=', '-')}.png"), FullPage = true });
            }
        }

        Assert.True(wide.Count == 0, string.Join("\n", wide));

        // Navigation hides behind the menu button; search and theme toggle stay in reach.
        await page.GotoAsync("/cluster");
        await WaitForShellAsync(page);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Policies", Exact = true })).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#global-search")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cn-theme-toggle")).ToBeVisibleAsync();
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Policies", Exact = true })).ToBeInViewportAsync();
        await app.ScreenshotAsync(page, "phone-menu-open");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Policies", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/policies$"));
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Policies", Exact = true })).Not.ToBeInViewportAsync();
        await app.ScreenshotAsync(page, "phone-policies");
        // The 404 page's own status is the one console error expected.
        Assert.DoesNotContain(errors, e => !e.Contains("status of 404", StringComparison.Ordinal));
    }

    // The deepest elements that reach past the right edge: what to fix when the page scrolls sideways.
    private const string WidestElements = """
        () => {
            const edge = window.innerWidth + 1;
            const contained = e => {
                for (let a = e.parentElement; a; a = a.parentElement) {
                    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX) && a.getBoundingClientRect().right <= edge) return true;
                }
                return false;
            };
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getClientRects().length > 0 && e.getBoundingClientRect().right > edge && !contained(e))
                .filter(e => getComputedStyle(e).position !== 'fixed' || e.getBoundingClientRect().left < window.innerWidth)
                .filter(e => !e.closest('.mud-drawer--closed'))
                .filter(e => ![...e.children].some(c => c.getClientRects().length > 0 && c.getBoundingClientRect().right > edge && !contained(c)))
                .slice(0, 6)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}[${Math.round(e.getBoundingClientRect().right)}]`)
                .join(', ');
        }
        """;

    private static async Task<(int Scroll, int Inner)> MeasureAsync(IPage page)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        return (sizes[0], sizes[1]);
    }

    [Fact]
    public async Task UnknownUrl_Answers404WithTheAppsPage()
    {
        var page = await NewPageAsync(1440, 900);

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        // Before the circuit: the server's text; after: the live page in the shell.
        await Assertions.Expect(page.GetByTestId("not-found").First).ToContainTextAsync("There is no such page");
        await WaitForShellAsync(page);
        await Assertions.Expect(page.Locator(".cn-layout [data-testid=not-found]")).ToContainTextAsync("There is no such page");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ThemeToggle_Dark_SurvivesReloadFromFirstPaint()
    {
        var page = await NewPageAsync(1440, 900);
        await page.GotoAsync("/cluster");
        await WaitForShellAsync(page);
        var layout = page.Locator(".cn-layout");
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-theme-mode", "system");

        await page.Locator(".cn-theme-toggle").ClickAsync();
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-theme-mode", "light");
        await page.Locator(".cn-theme-toggle").ClickAsync();
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-theme-mode", "dark");
        await Assertions.Expect(page.Locator("html[data-cn-theme=dark]")).ToHaveCountAsync(1);

        // The server's first answer after a reload is dark already (no flash of light), and so is the live layout.
        var response = await page.ReloadAsync();
        Assert.Contains("data-cn-theme=\"dark\"", await response!.TextAsync());
        await WaitForShellAsync(page);
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-theme-mode", "dark");
        await Assertions.Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-main-content')).backgroundColor");
        Assert.NotEqual("rgb(245, 247, 251)", background);
        await app.ScreenshotAsync(page, "cluster-dark-after-reload");
    }

    [Fact]
    public async Task SkipLink_FirstTab_JumpsToMainContent()
    {
        var page = await NewPageAsync(1440, 900);
        await page.GotoAsync("/cluster");
        await WaitForShellAsync(page);

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#main-content")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Select_Object_DrawerLiesOverPageWhichKeepsItsPlaceAndSize()
    {
        var page = await NewPageAsync(1440, 900);
        await page.GotoAsync("/cluster?tab=pods");
        await WaitForShellAsync(page);
        var main = page.Locator(".cn-page");
        var before = await main.BoundingBoxAsync();

        await page.Locator("[aria-label=Pods] tbody tr").First.ClickAsync();
        // One server round trip; the shared 2-core CI machine can take longer than the default 5 s for it.
        await Assertions.Expect(page.GetByTestId("details")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var after = await main.BoundingBoxAsync();

        Assert.Equal((before!.X, before.Y, before.Width), (after!.X, after.Y, after.Width));
        await app.ScreenshotAsync(page, "details-over-page");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("details")).ToHaveCountAsync(0);
    }
}
