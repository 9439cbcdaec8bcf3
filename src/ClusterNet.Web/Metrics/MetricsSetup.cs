using ClusterNet.Kubernetes.Live;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ClusterNet.Web.Metrics;

/// <summary>OpenTelemetry metrics exported in Prometheus text format on <see cref="MetricsOptions.Path"/>.</summary>
public static class MetricsSetup
{
    public static WebApplicationBuilder AddClusterNetMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddSingleton<DashboardMetrics>();
        services.AddScoped<CircuitHandler, CircuitMetricsHandler>();
        services.AddHostedService<MetricsActivation>();
        var enabled = builder.Configuration.GetValue(MetricsOptions.SectionName + ":" + nameof(MetricsOptions.Enabled), true);
        if (enabled)
        {
            services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(DashboardMetrics.MeterName, LiveSourceMetrics.MeterName, Snapshots.SnapshotCaches.MeterName)
                // ASP.NET Core's own meters: request durations, Kestrel connections, SignalR connections.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
                // The runtime's own meter: GC heap sizes and collections, working set, CPU time (memory per cache: CacheMetrics).
                .AddMeter("System.Runtime")
                .AddPrometheusExporter());
        }

        return builder;
    }

    public static WebApplication MapClusterNetMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(options.Path);
        if (options.Port is { } port)
        {
            endpoint.AllowAnonymous();
            // The local port, not the Host header (which any client chooses), decides: other ports answer 404.
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.Equals(options.Path, StringComparison.OrdinalIgnoreCase) && context.Connection.LocalPort != port)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            });
        }

        return app;
    }
}
