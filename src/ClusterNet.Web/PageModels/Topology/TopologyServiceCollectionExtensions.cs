namespace ClusterNet.Web.PageModels.Topology;

public static class TopologyServiceCollectionExtensions
{
    /// <summary>
    /// The Topology page's model: one per page instance (it holds that page's walk and overlay); the levels and pick lists
    /// every circuit computes alike are one shared <see cref="TopologyViewCache"/>, filled for the first visit by
    /// <see cref="TopologyWarmup"/> after the first sync.
    /// </summary>
    public static IServiceCollection AddTopologyPageModel(this IServiceCollection services) =>
        services.AddSingleton<TopologyViewCache>().AddTransient<TopologyPageModel>().AddHostedService<TopologyWarmup>();
}
