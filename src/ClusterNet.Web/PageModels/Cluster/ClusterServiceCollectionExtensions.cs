using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClusterNet.Web.PageModels.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>The Cluster page's model, one per circuit, over the views every circuit shares.</summary>
    public static IServiceCollection AddClusterPage(this IServiceCollection services)
    {
        services.TryAddSingleton<Snapshots.SnapshotCaches>();
        return services.AddTransient<ClusterPageModel>();
    }
}
