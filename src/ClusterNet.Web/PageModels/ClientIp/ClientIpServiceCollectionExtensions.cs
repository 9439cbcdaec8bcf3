using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.ClientIp;

public static class ClientIpServiceCollectionExtensions
{
    /// <summary>The Client IP page's model: one per circuit, so its per-snapshot caches survive a page swap; the overview is shared by all.</summary>
    public static IServiceCollection AddClientIpPage(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Snapshots.SnapshotCaches>(services);
        return services.AddScoped(sp => new PageModels.ClientIp.ClientIpPageModel(caches: sp.GetRequiredService<Snapshots.SnapshotCaches>()));
    }
}
