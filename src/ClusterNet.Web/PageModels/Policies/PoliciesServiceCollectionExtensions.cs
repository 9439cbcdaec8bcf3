using ClusterNet.Core.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClusterNet.Web.PageModels.Policies;

public static class PoliciesServiceCollectionExtensions
{
    /// <summary>The Policies page's model (one per page instance) over the shared engine cache.</summary>
    public static IServiceCollection AddPoliciesPage(this IServiceCollection services)
    {
        services.TryAddSingleton<PolicyEngineCache>();
        services.TryAddSingleton<Snapshots.SnapshotCaches>();
        services.AddTransient<PoliciesPageModel>();
        return services;
    }
}
