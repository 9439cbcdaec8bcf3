using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Health;

/// <summary>
/// <c>/healthz</c>: the process serves requests. <c>/readyz</c>: the first full sync finished (every kind left
/// Pending/Syncing once), 503 with the kinds still loading before that; "ready, degraded: …" while the cluster is unreachable. Both are anonymous, in every environment.
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
                // Still 200 while the API server is unreachable: the dashboard keeps serving the last known state, which
                // is what someone debugging the outage needs; taking the pod out of its Service would hide it. The
                // body says so (and the connection state is on every page and in /api/snapshot).
                var current = feed.Current;
                return current.Connection == ConnectionState.Disconnected
                    ? Results.Text($"ready, degraded: {current.ConnectionMessage ?? "the cluster is unreachable"}; showing the last known state")
                    : Results.Text("ready");
            }

            var snapshot = feed.Current;
            var waiting = snapshot.Kinds.Where(kv => kv.Value.State is KindState.Pending or KindState.Syncing).Select(kv => kv.Key).Order(StringComparer.Ordinal);
            return Results.Text($"not ready: first sync running for {string.Join(", ", waiting)}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        return app;
    }
}
