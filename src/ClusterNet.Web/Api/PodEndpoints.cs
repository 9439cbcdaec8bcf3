using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Api;

/// <summary><c>GET /api/pods?namespace=NS</c>: pods of the current snapshot, of one namespace when given.</summary>
public static class PodEndpoints
{
    public static IEndpointRouteBuilder MapPodApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/pods", (ISnapshotFeed feed, string? @namespace) =>
        {
            var snapshot = feed.Current;
            IReadOnlyList<PodInfo> pods = string.IsNullOrEmpty(@namespace)
                ? [.. snapshot.Pods]
                : [.. snapshot.Pods.Where(p => p.Namespace == @namespace)];
            return Results.Json(new ItemsDto<PodInfo>(snapshot.Version, pods));
        }).WithName("GetPods");
        return app;
    }
}
