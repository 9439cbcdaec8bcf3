using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Api.Policy;

/// <summary>
/// <c>GET /api/policy/reach?from=NS/POD&amp;to=NS/POD&amp;probe=80/TCP</c> (probe repeatable; without it, the destinations'
/// container ports) and <c>POST /api/policy/what-if</c> on the current snapshot.
/// </summary>
public static class PolicyEndpoints
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/policy/reach", (ISnapshotFeed feed, PolicyEngineCache engines, string? from, string? to, string[]? probe) =>
        {
            var snapshot = feed.Current;
            var engine = engines.Get(snapshot);
            // An empty from/to means every pod, as an absent one does.
            var input = QueryInput.Parameters([
                KeyValuePair.Create(ReachQueryParser.From, string.IsNullOrEmpty(from) ? null : from),
                KeyValuePair.Create(ReachQueryParser.To, string.IsNullOrEmpty(to) ? null : to),
                .. (probe ?? []).Select(p => KeyValuePair.Create(ReachQueryParser.Probe, (string?)p)),
            ]);
            var parsed = ReachQueryParser.Parse(input, engine);
            if (!parsed.Ok)
            {
                return Results.BadRequest(new { error = parsed.Errors[0].Message });
            }

            return Results.Json(new ReachResponseDto(snapshot.Version, ReachAnswer.Of(engine, parsed.Query!).Cells()));
        }).WithName("GetPolicyReach");

        app.MapPost("/api/policy/what-if", (ISnapshotFeed feed, PolicyEngineCache engines, WhatIfRequestDto request) =>
        {
            var snapshot = feed.Current;
            var engine = engines.Get(snapshot);
            var parsed = PolicyWhatIfInput.Parse(request.Yaml, request.Delete, request.Probes);
            if (parsed.Errors.Count > 0)
            {
                return Results.BadRequest(new WhatIfResponseDto(snapshot.Version, [], [], parsed.Errors));
            }

            var result = PolicyWhatIf.Run(engine, parsed.Edits, parsed.Probes.Length > 0 ? parsed.Probes : null);
            return Results.Json(new WhatIfResponseDto(snapshot.Version, [.. result.BeforeMatrix.Probes.Select(p => p.ToString())],
                [.. result.Flipped.Select(FlippedCellDto.Of)], [.. result.Problems.Select(p => new WhatIfErrorDto(p))]));
        }).WithName("PostPolicyWhatIf");
        return app;
    }
}
