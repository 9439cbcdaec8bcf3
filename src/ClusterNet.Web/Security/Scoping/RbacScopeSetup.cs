using ClusterNet.Kubernetes.Access;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Sources;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>
/// Auth:ScopeByRbac wiring. Off: nothing changes (<see cref="ISnapshotFeed"/> stays the one app-wide feed). On:
/// <see cref="ISnapshotFeed"/> becomes <see cref="ScopedSnapshotFeed"/> per request and circuit, the hub sends each
/// user's group its own counts (<see cref="HubAudience"/>), and access reviews go to the source's API server.
/// Singletons must not take <see cref="ISnapshotFeed"/> (they would read outside any user); take
/// <see cref="SnapshotFeed"/> and cut per user instead.
/// </summary>
public static class RbacScopeSetup
{
    public static IServiceCollection AddClusterNetRbacScope(this IServiceCollection services, AuthOptions options)
    {
        services.AddSingleton<HubAudience>();
        if (!options.ScopeByRbac)
        {
            return services;
        }

        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<ClusterSourceFactory>().CreateClientConfiguration()
                ?? throw new ClusterSourceException("Auth:ScopeByRbac=true needs a live cluster source (Cluster:Source=kubeconfig or incluster) to ask the API server who may see which namespaces.");
            return new SubjectAccessReviewer(new k8s.Kubernetes(config), sp.GetRequiredService<IOptions<AuthOptions>>().Value.RbacCacheDuration,
                sp.GetRequiredService<ILogger<SubjectAccessReviewer>>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<RbacScopeService>();
        services.AddScoped<RbacScopeContext>();
        services.Replace(ServiceDescriptor.Scoped<ISnapshotFeed, ScopedSnapshotFeed>());
        services.AddScoped<CircuitHandler, RbacScopeCircuitHandler>();
        return services;
    }

    /// <summary>After authentication: gives the request's user to its scope; REST requests get their answer before the endpoint runs.</summary>
    public static IApplicationBuilder UseClusterNetRbacScope(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            // Registered only with Auth:ScopeByRbac=true.
            if (context.User.Identity?.IsAuthenticated == true && context.RequestServices.GetService<RbacScopeContext>() is { } scope)
            {
                scope.SetUser(context.User);
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await scope.EnsureAsync(context.RequestAborted);
                }
            }

            await next(context);
        });
}
