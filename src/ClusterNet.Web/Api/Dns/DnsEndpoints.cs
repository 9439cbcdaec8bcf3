using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Dns;
using ClusterNet.Web.Security;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace ClusterNet.Web.Api.Dns;

/// <summary>
/// DNS REST API:
/// <c>GET /api/dns/findings</c> (cluster-wide findings, most impactful first),
/// <c>GET /api/dns/resolv-conf?pod=NS/NAME</c> (the effective file),
/// <c>POST /api/dns/expand</c> (the exact queries, as `clusternet dns expand --format json`),
/// <c>POST /api/dns/lookup</c> (the predicted ladder asked for real against one server: port 53 of the cluster's DNS servers, or what Dns:LookupAllow adds; else 403).
/// </summary>
public static class DnsEndpoints
{
    public static IEndpointRouteBuilder MapDnsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dns/findings", (ISnapshotFeed feed, DnsReportCache cache, [FromServices] DashboardMetrics metrics) =>
        {
            var snapshot = feed.Current;
            var report = metrics.MeasureAnalyzer(AnalyzerNames.DnsFindings, () => cache.Get(snapshot));
            return Results.Json(new
            {
                snapshot.Version,
                report.Verdict,
                cluster = new
                {
                    kubeDns = report.Cluster.KubeDnsIp,
                    nodeLocalDns = report.Cluster.NodeLocalAddress,
                    kubeProxyMode = report.Cluster.KubeProxyMode,
                    // Additive (#17.2): the nameserver pods really get and who decided it (kubelet-config, or an inference).
                    podNameservers = report.Cluster.PodNameservers.IsDefault ? [] : report.Cluster.PodNameservers,
                    podNameserverSource = report.Cluster.PodNameserverSource,
                    podNameserverInferred = report.Cluster.PodNameserverInferred,
                },
                findings = report.Findings.Select(DnsDtos.Finding),
            }, DnsDtos.Json);
        }).WithName("GetDnsFindings");

        app.MapGet("/api/dns/resolv-conf", (ISnapshotFeed feed, DnsReportCache cache, [FromServices] DashboardMetrics metrics, string? pod) =>
        {
            var snapshot = feed.Current;
            var key = DnsLookupQueryParser.Parse(QueryInput.Parameters([new(DnsLookupQueryParser.PodInput, pod)])).Query?.Pod ?? ObjectKey.Parse("");
            if (snapshot.Pods.Get(key) is not { } p)
            {
                return Results.NotFound(new DnsErrorDto($"pod '{pod}' is not in the snapshot"));
            }

            var effective = metrics.MeasureAnalyzer(AnalyzerNames.DnsResolvConf, () => EffectiveResolvConfBuilder.Build(p, ClusterFacts.Of(snapshot).Dns, cache.Settings));
            return Results.Json(new { pod = key.ToString(), resolvConf = effective.Conf.Render(), effective.EffectivePolicy, effective.Explanation, effective.Notes, effective.ApiErrors }, DnsDtos.Json);
        }).WithName("GetDnsResolvConf");

        app.MapPost("/api/dns/expand", (DnsExpandRequestDto body, ISnapshotFeed feed, DnsReportCache cache, [FromServices] DashboardMetrics metrics) =>
        {
            try
            {
                var result = metrics.MeasureAnalyzer(AnalyzerNames.DnsExpand, () => ResolverSimulator.Expand(DnsInputResolver.Resolve(body, feed.Current, cache.Settings)));
                return Results.Json(DnsDtos.Expansion(result), DnsDtos.Json);
            }
            catch (FormatException ex)
            {
                return Results.BadRequest(new DnsErrorDto(ex.Message));
            }
        }).WithName("PostDnsExpand");

        app.MapPost("/api/dns/lookup", async (DnsExpandRequestDto body, ISnapshotFeed feed, DnsReportCache cache, DnsLiveLookup live, DnsLookupGuard guard, CancellationToken ct) =>
        {
            var snapshot = feed.Current;
            ExpansionRequest request;
            try
            {
                request = DnsInputResolver.Resolve(body, snapshot, cache.Settings);
            }
            catch (FormatException ex)
            {
                return Results.BadRequest(new DnsErrorDto(ex.Message));
            }

            if (DnsInputResolver.Target(body, request.ResolvConf) is not { } target)
            {
                return Results.BadRequest(new DnsErrorDto(DnsLookupQueryParser.ServerMessage));
            }

            // Only the cluster's DNS servers on port 53, or what Dns:LookupAllow adds: no probing of other services.
            if (guard.Refusal(snapshot, cache.Settings, target.Server, target.Port) is { } refusal)
            {
                return Results.Json(new DnsErrorDto(refusal), DnsDtos.Json, statusCode: StatusCodes.Status403Forbidden);
            }

            var query = new DnsLookupQuery { Name = request.Name, Family = request.Family, Server = target.Server, Port = target.Port };
            var result = await live.RunAsync(LiveLookupRequest.From(query, request.ResolvConf, request.Libc), ct);
            return Results.Json(new
            {
                result.Server,
                result.Verdict,
                result.TotalLatencyMs,
                expansion = DnsDtos.Expansion(result.Prediction),
                live = result.Queries.Select(q => new
                {
                    q.Predicted.Qname,
                    q.Predicted.Qtype,
                    predicted = q.Predicted.Reply.Describe(),
                    live = q.Live?.Describe(),
                    q.LatencyMs,
                    q.Error,
                }),
            }, DnsDtos.Json);
        }).WithName("PostDnsLookup")
            // It sends packets on the caller's behalf: limited per user (one budget with the DNS page), and its body is small.
            .RequireLookupBudget()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024));
        return app;
    }
}
