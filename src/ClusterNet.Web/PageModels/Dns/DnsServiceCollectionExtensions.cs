using ClusterNet.Web.Dns;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.PageModels.Dns;

public static class DnsServiceCollectionExtensions
{
    /// <summary>The DNS page and API: the per-snapshot report, the live lookup and which servers it may ask (Dns:LookupAllow), the page model (one per circuit).</summary>
    public static IServiceCollection AddDnsPage(this IServiceCollection services)
    {
        services.TryAddSingleton<Snapshots.SnapshotCaches>();
        services.AddSingleton<DnsReportCache>();
        services.AddSingleton<DnsLiveLookup>();
        services.AddOptions<DnsLookupOptions>();
        services.TryAddSingleton(sp => new DnsLookupGuard(sp.GetRequiredService<IOptions<DnsLookupOptions>>()));
        services.AddScoped<DnsPageModel>();
        return services;
    }
}
