namespace ClusterNet.Web.PageModels.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>The Cluster page's model, one per circuit.</summary>
    public static IServiceCollection AddClusterPage(this IServiceCollection services) => services.AddTransient<ClusterPageModel>();
}
