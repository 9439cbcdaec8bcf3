using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Health;

/// <summary>
/// <c>/healthz</c>: the process serves requests. <c>/readyz</c>: the first full sync finished (every kind left
/// Pending/Syncing once), 503 with the kinds still loading before that. Both are anonymous, in every environment.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapClusterNetHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().DisableAntiforgery();
        app.MapGet("/readyz", (ISnapshotFeed feed) =>
        {
            if (feed.InitialSyncComplete)
            {
                return Results.Text("ready");
            }

            var snapshot = feed.Current;
            var waiting = snapshot.Kinds.Where(kv => kv.Value.State is KindState.Pending or KindState.Syncing).Select(kv => kv.Key).Order(StringComparer.Ordinal);
            return Results.Text($"not ready: first sync running for {string.Join(", ", waiting)}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        return app;
    }
}
