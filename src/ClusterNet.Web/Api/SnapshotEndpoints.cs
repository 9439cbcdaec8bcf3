using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Api;

/// <summary><c>GET /api/snapshot</c>: source, version and per-kind count/status of the current snapshot.</summary>
public static class SnapshotEndpoints
{
    public static IEndpointRouteBuilder MapSnapshotApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/snapshot", (ISnapshotFeed feed) => Results.Json(Summarize(feed.Current)))
            .WithName("GetSnapshot");
        return app;
    }

    public static SnapshotSummaryDto Summarize(Core.Model.ClusterSnapshot snapshot)
    {
        var kinds = new Dictionary<string, KindSummaryDto>();
        foreach (var kind in KindOrder.Of(snapshot))
        {
            var status = snapshot.Kinds[kind];
            kinds[kind] = new KindSummaryDto(status.Count, status.StateName, string.IsNullOrEmpty(status.Message) ? null : status.Message);
        }

        return new SnapshotSummaryDto(new SourceDto(snapshot.Source.Type, snapshot.Source.Name), snapshot.Version, kinds);
    }
}
