namespace ClusterNet.Web.PageModels.Topology;

public static class TopologyServiceCollectionExtensions
{
    /// <summary>The Topology page's model: one per page instance (it holds that page's caches).</summary>
    public static IServiceCollection AddTopologyPageModel(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Snapshots.SnapshotCaches>(services);
        return services.AddTransient<TopologyPageModel>();
    }
}
