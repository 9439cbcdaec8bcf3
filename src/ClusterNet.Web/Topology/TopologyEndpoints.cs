using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace ClusterNet.Web.Topology;

/// <summary>
/// <c>GET /api/topology</c> (the graph document, as <c>clusternet topology --format json</c>),
/// <c>GET /api/topology/routes/{node}</c> (predicted ip route / ip link) and
/// <c>GET /api/packet-walk?from=ns/pod&amp;to=ns/pod|svc/ns/name&amp;port=80&amp;protocol=TCP[&amp;endpoint=ns/pod]</c>.
/// </summary>
public static class TopologyEndpoints
{
    public static IEndpointRouteBuilder MapTopologyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/topology", (ISnapshotFeed feed, TopologyService topology, [FromServices] DashboardMetrics metrics) =>
            Results.Json(TopologyJson.ToDocument(metrics.MeasureAnalyzer(AnalyzerNames.TopologyGraph, () => topology.Get(feed.Current))), TopologyJson.Options)).WithName("GetTopology");

        app.MapGet("/api/topology/routes/{node}", (string node, ISnapshotFeed feed, TopologyService topology, [FromServices] DashboardMetrics metrics) =>
        {
            var graph = metrics.MeasureAnalyzer(AnalyzerNames.TopologyGraph, () => topology.Get(feed.Current));
            return metrics.MeasureAnalyzer(AnalyzerNames.TopologyRoutes, () => RoutePredictor.Predict(graph, node)) is { } table
                ? Results.Json(TopologyJson.ToDocument(table), TopologyJson.Options)
                : Results.Json(new ErrorDto($"no node '{node}' in the snapshot", [.. graph.Nodes.Keys.Order(StringComparer.Ordinal)]), TopologyJson.Options, statusCode: StatusCodes.Status404NotFound);
        }).WithName("GetTopologyRoutes");

        // port stays a bound int? so a non-number keeps answering as it always did (400 from binding); the rest goes
        // through the one walk parser the page uses.
        app.MapGet("/api/packet-walk", (HttpRequest request, int? port, ISnapshotFeed feed, TopologyService topology, [FromServices] DashboardMetrics metrics) =>
        {
            _ = port;
            var input = QueryInput.Parameters(request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
            var parsed = PacketWalkQueryParser.Parse(input);
            if (!parsed.Ok)
            {
                var error = parsed.Errors[0];
                return error.Message == PacketWalkQueryParser.EndsRequired
                    ? Results.Json(new ErrorDto(error.Message, []), TopologyJson.Options, statusCode: StatusCodes.Status400BadRequest)
                    : Results.Json(PacketWalkQueryParser.Failed(input, error), TopologyJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            var result = metrics.MeasureAnalyzer(AnalyzerNames.PacketWalk, () => topology.Walk(feed.Current, parsed.Query!));
            var status = result.Error is null ? StatusCodes.Status200OK
                : result.Error.Contains("not found", StringComparison.Ordinal) ? StatusCodes.Status404NotFound
                : StatusCodes.Status400BadRequest;
            return Results.Json(result, TopologyJson.Options, statusCode: status);
        }).WithName("GetPacketWalk");

        return app;
    }

    private sealed record ErrorDto(string Error, IReadOnlyList<string> Nodes);
}
