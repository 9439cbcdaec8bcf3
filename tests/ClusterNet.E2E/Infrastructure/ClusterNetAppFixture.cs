using ClusterNet.Core.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClusterNet.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 with a free port (demo source changing every second unless
/// <see cref="Arguments"/> says otherwise) and Debian's chromium driven by Playwright. Never downloads a browser.
/// Reuse it with <c>IClassFixture&lt;ClusterNetAppFixture&gt;</c>, or derive and override <see cref="Arguments"/> /
/// <see cref="ConfigureBuilder"/> (e.g. to run against a file source or a control plane).
/// </summary>
public class ClusterNetAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("fixture not initialized");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("fixture not initialized");

    public IClusterSource Source => Services.GetRequiredService<IClusterSource>();

    /// <summary>Where tests write screenshots (artifacts/e2e-screenshots under the repository).</summary>
    public string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    protected virtual IEnumerable<string> Arguments =>
    [
        "--urls", "http://127.0.0.1:0",
        "--environment", "Production",
        "--Cluster:Source=demo",
        "--Cluster:DemoChangeIntervalSeconds=1",
    ];

    protected virtual void ConfigureBuilder(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        // Belt and braces: nothing here may fetch a browser build.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium); ./test.sh does this");
        }

        _app = Web.ClusterNetWebApplication.Create([.. Arguments], ConfigureBuilder);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh page at 1440×900 (light or dark colour scheme) whose console errors are collected.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light, List<string>? consoleErrors = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = scheme,
        });
        var page = await context.NewPageAsync();
        if (consoleErrors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    consoleErrors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => consoleErrors.Add(error);
        }

        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}.png"), FullPage = false });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static string FindScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "e2e-screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
