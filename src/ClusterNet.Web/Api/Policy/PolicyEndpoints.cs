using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
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
            if (!TryEndpoints(engine, from, "from", out var froms, out var error) || !TryEndpoints(engine, to, "to", out var tos, out error)
                || !TryProbes(probe, out var probes, out error))
            {
                return Results.BadRequest(new { error });
            }

            if (probes.Count == 0)
            {
                probes.AddRange(engine.ContainerPortProbes(tos.Where(t => t.Pod is not null).Select(t => t.Pod!.Value)));
            }

            var cells = new List<ReachCellApiDto>();
            foreach (var f in froms)
            {
                foreach (var t in tos)
                {
                    foreach (var p in probes)
                    {
                        var e = engine.Explain(f, t, p);
                        cells.Add(new ReachCellApiDto(f.ToString(), t.ToString(), p.Port, p.Protocol, e.Allowed, e.Summary, e.Caveat));
                    }
                }
            }

            return Results.Json(new ReachResponseDto(snapshot.Version, cells));
        }).WithName("GetPolicyReach");

        app.MapPost("/api/policy/what-if", (ISnapshotFeed feed, PolicyEngineCache engines, WhatIfRequestDto request) =>
        {
            var snapshot = feed.Current;
            var engine = engines.Get(snapshot);
            var (edits, errors) = PolicyWhatIfInput.Parse(request.Yaml, request.Delete);
            if (!TryProbes(request.Probes, out var probes, out var probeError))
            {
                errors.Add(new WhatIfErrorDto(probeError));
            }

            if (errors.Count > 0)
            {
                return Results.BadRequest(new WhatIfResponseDto(snapshot.Version, [], [], errors));
            }

            var result = PolicyWhatIf.Run(engine, edits, probes.Count > 0 ? probes : null);
            var flipped = result.Flipped.Select(c => new FlippedCellDto(c.From.ToString(), c.To.ToString(), c.Probe.Port, c.Probe.Protocol,
                Verdict(c.Before), Verdict(c.After), c.AllowedBefore, c.AllowedAfter)).ToList();
            return Results.Json(new WhatIfResponseDto(snapshot.Version, [.. result.BeforeMatrix.Probes.Select(p => p.ToString())], flipped,
                [.. result.Problems.Select(p => new WhatIfErrorDto(p))]));
        }).WithName("PostPolicyWhatIf");
        return app;
    }

    public static string Verdict(ReachVerdict v) => v switch
    {
        ReachVerdict.Allowed => "allowed",
        ReachVerdict.Denied => "denied",
        _ => "dependsOnImplementation",
    };

    private static bool TryEndpoints(PolicyEngine engine, string? text, string name, out List<ReachEndpoint> endpoints, out string error)
    {
        error = "";
        endpoints = [];
        if (string.IsNullOrEmpty(text))
        {
            endpoints.AddRange(engine.Pods.Select(ReachEndpoint.OfPod));
            return true;
        }

        if (!ReachEndpoint.TryParse(text, out var e))
        {
            error = $"{name} '{text}': expected NAMESPACE/POD or an IP address";
            return false;
        }

        if (e.Pod is { } key && engine.IndexOf(key) < 0)
        {
            error = $"{name} {text}: no such pod";
            return false;
        }

        endpoints.Add(e);
        return true;
    }

    private static bool TryProbes(IEnumerable<string>? texts, out List<ReachProbe> probes, out string error)
    {
        probes = [];
        error = "";
        foreach (var t in texts ?? [])
        {
            if (!ReachProbe.TryParse(t, out var p, out error))
            {
                error = $"probe {error}";
                return false;
            }

            probes.Add(p);
        }

        return true;
    }
}
