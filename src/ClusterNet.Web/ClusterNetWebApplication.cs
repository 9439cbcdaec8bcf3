using ClusterNet.Core.Store;
using ClusterNet.Web.Api;
using ClusterNet.Web.Api.Dns;
using ClusterNet.Web.Api.Policy;
using ClusterNet.Web.ClientIp;
using ClusterNet.Web.Components;
using ClusterNet.Web.Health;
using ClusterNet.Web.Hubs;
using ClusterNet.Web.Metrics;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Configuration;
using ClusterNet.Web.Security;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Sources;
using ClusterNet.Web.Topology;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace ClusterNet.Web;

/// <summary>
/// The composition root: services, options, middleware and endpoints in one place. Program.cs calls
/// <see cref="Create"/>; tests call it too and pass <c>configureBuilder</c> to replace services (e.g. the cluster source)
/// or configuration before the app is built.
/// </summary>
public static class ClusterNetWebApplication
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ClusterNetWebApplication).Assembly.GetName().Name,
        });

        // Serves /css, /js and /lib from the build's static web asset manifest in every environment (dotnet run is
        // Production without launch settings); a published app has no manifest and serves its wwwroot/ instead.
        builder.WebHost.UseStaticWebAssets();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddClusterNetServices();
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        app.UseClusterNetPipeline();
        return app;
    }

    public static WebApplicationBuilder AddClusterNetServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().Bind(builder.Configuration.GetSection(ClusterOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(InClusterEnvironment.System);
        services.AddSingleton(sp =>
        {
            var env = sp.GetRequiredService<InClusterEnvironment>();
            var spec = ClusterSourceSpec.Resolve(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Source, env);
            return new SourceSelection(spec, spec.Type == ClusterSourceType.InCluster ? env.ServiceAccountUser() : null);
        });
        services.AddSingleton<ClusterSourceFactory>();
        services.AddSingleton<IClusterSource>(sp => sp.GetRequiredService<ClusterSourceFactory>().Create());
        services.AddHostedService<ClusterSourceHostedService>();
        services.AddSingleton<SnapshotFeed>();
        services.AddSingleton<ISnapshotFeed>(sp => sp.GetRequiredService<SnapshotFeed>());
        services.AddSingleton<ClusterNet.Core.Policy.PolicyEngineCache>();
        services.AddSingleton<ClusterNet.Web.Dns.DnsReportCache>();
        services.AddSingleton<ClusterNet.Web.Dns.DnsLiveLookup>();

        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddSignalR().AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
        services.AddSingleton<HubConnectionCounter>();
        services.AddHostedService<ClusterHubPump>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<UrlState>();
        services.AddScoped<SelectionService>();
        services.AddScoped<Interop.ShellInterop>();

        builder.AddClusterNetAuth();
        builder.AddClusterNetProxyTrust();
        builder.AddClusterNetTopology();
        builder.AddClusterNetMetrics();
        return builder;
    }

    public static WebApplication UseClusterNetPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Before anything rewrites the socket address or forwarding headers: GET /api/echo shows them as received.
        app.UseClientIpEchoCapture();
        app.UseClusterNetProxyTrust();
        app.UseClusterNetSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseClusterNetRequestGuards();
        app.UseAntiforgery();

        app.MapClusterNetHealth();
        app.MapClusterNetLogin();
        app.MapClusterNetErrorEndpoint();
        app.MapStaticAssets().AllowAnonymous();
        app.MapSnapshotApi();
        app.MapNodeApi();
        app.MapPodApi();
        app.MapTopologyApi();
        app.MapPolicyApi();
        app.MapDnsApi();
        app.MapClientIpEndpoints();
        app.MapHub<ClusterHub>(ClusterHub.Path);
        app.MapClusterNetMetrics();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.Lifetime.ApplicationStarted.Register(() => AnnounceUrls(app));
        return app;
    }

    private static void AnnounceUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var source = app.Services.GetRequiredService<IClusterSource>().Info;
        foreach (var address in addresses)
        {
            app.Logger.LogInformation("ClusterNet dashboard for {SourceType} '{SourceName}' listening on {Url}", source.Type, source.Name, address);
            Console.WriteLine($"ClusterNet: open {address}");
        }
    }
}
