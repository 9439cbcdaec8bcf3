namespace ClusterNet.Web.PageModels.Topology;

public static class TopologyServiceCollectionExtensions
{
    /// <summary>
    /// The Topology page's model: one per page instance (it holds that page's walk and overlay); the levels and pick lists
    /// every circuit computes alike are one shared <see cref="TopologyViewCache"/>.
    /// </summary>
    public static IServiceCollection AddTopologyPageModel(this IServiceCollection services) =>
        services.AddSingleton<TopologyViewCache>().AddTransient<TopologyPageModel>();
}
