using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Api;

/// <summary><c>GET /api/nodes</c>: every node of the current snapshot.</summary>
public static class NodeEndpoints
{
    public static IEndpointRouteBuilder MapNodeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/nodes", (ISnapshotFeed feed) =>
        {
            var snapshot = feed.Current;
            return Results.Json(new ItemsDto<NodeInfo>(snapshot.Version, [.. snapshot.Nodes]));
        }).WithName("GetNodes");
        return app;
    }
}
