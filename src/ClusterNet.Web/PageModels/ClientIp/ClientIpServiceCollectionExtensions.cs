using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.ClientIp;

public static class ClientIpServiceCollectionExtensions
{
    /// <summary>The Client IP page's model: one per circuit, so its per-snapshot caches survive a page swap.</summary>
    public static IServiceCollection AddClientIpPage(this IServiceCollection services) => services.AddScoped(_ => new PageModels.ClientIp.ClientIpPageModel());
}
