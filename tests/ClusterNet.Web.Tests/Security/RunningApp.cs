using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (a free port) built by <see cref="ClusterNetWebApplication.Create"/>, so
/// configuration arrives exactly as on the command line and Kestrel's own limits apply. Clients never follow redirects
/// and keep no cookies unless asked to.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public WebApplication App => _app;

    public static async Task<RunningApp> StartAsync(IEnumerable<string> args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = ClusterNetWebApplication.Create(["--urls", "http://127.0.0.1:0", .. args], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public HttpClient Client(CookieContainer? cookies = null) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
    })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A token file for Auth:Mode=Token (deleted with the temp directory by the OS, never reused between tests).</summary>
    public static string WriteTokenFile(string token)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clusternet-token-{Guid.NewGuid():N}");
        File.WriteAllText(path, token + "\n");
        return path;
    }
}
