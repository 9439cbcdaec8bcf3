using ClusterNet.Web.Dns;

namespace ClusterNet.Web.PageModels.Dns;

public static class DnsServiceCollectionExtensions
{
    /// <summary>The DNS page and API: the per-snapshot report, the live lookup, the page model (one per circuit).</summary>
    public static IServiceCollection AddDnsPage(this IServiceCollection services)
    {
        services.AddSingleton<DnsReportCache>();
        services.AddSingleton<DnsLiveLookup>();
        services.AddScoped<DnsPageModel>();
        return services;
    }
}
