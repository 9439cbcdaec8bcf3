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
using ClusterNet.Web.PageModels.Cluster;
using ClusterNet.Web.Configuration;
using ClusterNet.Web.Security;
using ClusterNet.Web.Shell;
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
        RedactingLoggerProvider.WrapAll(builder.Services);

        var app = builder.Build();
        app.UseClusterNetPipeline();
        return app;
    }

    public static WebApplicationBuilder AddClusterNetServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (!builder.Environment.IsDevelopment())
        {
            // Lowest precedence, so Logging__LogLevel__* from the environment or appsettings still wins: framework
            // categories log every request at Information otherwise (noise, and URLs are personal data).
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    ["Logging:LogLevel:Default"] = "Information",
                    ["Logging:LogLevel:Microsoft"] = "Warning",
                    ["Logging:LogLevel:System"] = "Warning",
                    ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
                },
            });
        }

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
        services.AddSingleton<SnapshotCaches>();
        services.AddSingleton<SnapshotFeed>();
        services.AddSingleton<ISnapshotFeed>(sp => sp.GetRequiredService<SnapshotFeed>());
        services.AddSingleton<ClusterNet.Core.Policy.PolicyEngineCache>();
        ClusterNet.Web.PageModels.Policies.PoliciesServiceCollectionExtensions.AddPoliciesPage(services);
        services.AddOptions<ClusterNet.Web.Dns.DnsLookupOptions>().Bind(builder.Configuration.GetSection(ClusterNet.Web.Dns.DnsLookupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterNet.Web.Dns.DnsLookupOptions>, ClusterNet.Web.Dns.DnsLookupOptionsValidator>();
        ClusterNet.Web.PageModels.Dns.DnsServiceCollectionExtensions.AddDnsPage(services);

        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddSignalR().AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
        services.AddSingleton<HubConnectionCounter>();
        services.AddHostedService<ClusterHubPump>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<UrlState>();
        services.AddScoped<SelectionService>();
        services.AddScoped<Interop.ShellInterop>();
        services.AddClientIpPage();

        builder.AddClusterNetAuth();
        builder.AddClusterNetProxyTrust();
        builder.AddClusterNetTopology();
        services.AddClusterPage();
        builder.AddClusterNetMetrics();
        return builder;
    }

    public static WebApplication UseClusterNetPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseClusterNetNotFoundPage();

        // Before anything rewrites the socket address or forwarding headers: GET /api/echo shows them as received.
        app.UseClusterNetLoopbackHostFilter();
        app.UseClientIpEchoCapture();
        app.UseClusterNetProxyTrust();
        if (!app.Environment.IsDevelopment())
        {
            // After proxy trust: behind a TLS-terminating ingress (X-Forwarded-Proto trusted) the request counts as HTTPS.
            app.UseHsts();
        }

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
