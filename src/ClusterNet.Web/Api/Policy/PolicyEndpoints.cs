using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Security;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace ClusterNet.Web.Api.Policy;

/// <summary>
/// <c>GET /api/policy/reach?from=NS/POD&amp;to=NS/POD&amp;probe=80/TCP</c> (probe repeatable; without it, the destinations'
/// container ports) and <c>POST /api/policy/what-if</c> on the current snapshot. Reach needs from or to and caps its
/// distinct probes and cells, what-if its probes (<see cref="HttpLimitsOptions"/>): one request must not build a matrix
/// that exhausts memory.
/// </summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/policy/reach", (ISnapshotFeed feed, PolicyEngineCache engines, HttpLimitsOptions limits, [FromServices] DashboardMetrics metrics, string? from, string? to, string[]? probe) =>
        {
            var snapshot = feed.Current;
            var engine = metrics.MeasureAnalyzer(AnalyzerNames.PolicyEngine, () => engines.Get(snapshot));
            // An empty from/to means every pod, as an absent one does.
            var input = QueryInput.Parameters([
                KeyValuePair.Create(ReachQueryParser.From, string.IsNullOrEmpty(from) ? null : from),
                KeyValuePair.Create(ReachQueryParser.To, string.IsNullOrEmpty(to) ? null : to),
                .. (probe ?? []).Select(p => KeyValuePair.Create(ReachQueryParser.Probe, (string?)p)),
            ]);
            var reachLimits = limits.ReachLimits();
            var parsed = ReachQueryParser.Parse(input, engine, limits: reachLimits);
            if (!parsed.Ok)
            {
                return Results.BadRequest(new { error = parsed.Errors[0].Message });
            }

            var answer = ReachAnswer.Of(engine, parsed.Query!);
            if (reachLimits.CellError(answer) is { } tooBig)
            {
                return Results.BadRequest(new { error = tooBig });
            }

            return Results.Json(new ReachResponseDto(snapshot.Version, metrics.MeasureAnalyzer(AnalyzerNames.PolicyReach, answer.Cells)));
        }).WithName("GetPolicyReach");

        app.MapPost("/api/policy/what-if", (ISnapshotFeed feed, PolicyEngineCache engines, HttpLimitsOptions limits, [FromServices] DashboardMetrics metrics, WhatIfRequestDto request) =>
        {
            var snapshot = feed.Current;
            var engine = metrics.MeasureAnalyzer(AnalyzerNames.PolicyEngine, () => engines.Get(snapshot));
            var parsed = PolicyWhatIfInput.Parse(request.Yaml, request.Delete, request.Probes, limits.ReachMaxProbes);
            if (parsed.Errors.Count > 0)
            {
                return Results.BadRequest(new WhatIfResponseDto(snapshot.Version, [], [], parsed.Errors));
            }

            var result = metrics.MeasureAnalyzer(AnalyzerNames.PolicyWhatIf, () => PolicyWhatIf.Run(engine, parsed.Edits, parsed.Probes.Length > 0 ? parsed.Probes : null));
            return Results.Json(new WhatIfResponseDto(snapshot.Version, [.. result.BeforeMatrix.Probes.Select(p => p.ToString())],
                [.. result.Flipped.Select(FlippedCellDto.Of)], [.. result.Problems.Select(p => new WhatIfErrorDto(p))]));
        }).WithName("PostPolicyWhatIf");
        return app;
    }
}
