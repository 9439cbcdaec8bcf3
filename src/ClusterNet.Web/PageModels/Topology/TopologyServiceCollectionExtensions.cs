namespace ClusterNet.Web.PageModels.Topology;

public static class TopologyServiceCollectionExtensions
{
    /// <summary>
    /// The Topology page's model: one per page instance (it holds that page's walk); the graph, levels, overlays and pick
    /// lists every circuit computes alike live in the shared <see cref="Snapshots.SnapshotCaches"/>, filled for the first
    /// visit by <see cref="TopologyWarmup"/> after the first sync.
    /// </summary>
    public static IServiceCollection AddTopologyPageModel(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Snapshots.SnapshotCaches>(services);
        return services.AddTransient<TopologyPageModel>().AddHostedService<TopologyWarmup>();
    }
}
