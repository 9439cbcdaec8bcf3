using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;
using ClusterNet.Web.Dns;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.Api.Dns;

/// <summary>
/// DNS REST API:
/// <c>GET /api/dns/findings</c> (cluster-wide findings, most impactful first),
/// <c>GET /api/dns/resolv-conf?pod=NS/NAME</c> (the effective file),
/// <c>POST /api/dns/expand</c> (the exact queries, as `clusternet dns expand --format json`),
/// <c>POST /api/dns/lookup</c> (the predicted ladder asked for real against one server).
/// </summary>
public static class DnsEndpoints
{
    public static IEndpointRouteBuilder MapDnsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dns/findings", (ISnapshotFeed feed, DnsReportCache cache) =>
        {
            var snapshot = feed.Current;
            var report = cache.Get(snapshot);
            return Results.Json(new
            {
                snapshot.Version,
                report.Verdict,
                cluster = new { kubeDns = report.Cluster.KubeDnsIp, nodeLocalDns = report.Cluster.NodeLocalAddress, kubeProxyMode = report.Cluster.KubeProxyMode },
                findings = report.Findings.Select(DnsDtos.Finding),
            }, DnsDtos.Json);
        }).WithName("GetDnsFindings");

        app.MapGet("/api/dns/resolv-conf", (ISnapshotFeed feed, DnsReportCache cache, string? pod) =>
        {
            var snapshot = feed.Current;
            var key = ObjectKey.Parse(pod ?? "");
            if (snapshot.Pods.Get(key) is not { } p)
            {
                return Results.NotFound(new DnsErrorDto($"pod '{pod}' is not in the snapshot"));
            }

            var effective = EffectiveResolvConfBuilder.Build(p, ClusterDnsDetector.Detect(snapshot), cache.Settings);
            return Results.Json(new { pod = key.ToString(), resolvConf = effective.Conf.Render(), effective.EffectivePolicy, effective.Explanation, effective.Notes, effective.ApiErrors }, DnsDtos.Json);
        }).WithName("GetDnsResolvConf");

        app.MapPost("/api/dns/expand", (DnsExpandRequestDto body, ISnapshotFeed feed, DnsReportCache cache) =>
        {
            try
            {
                var result = ResolverSimulator.Expand(DnsInputResolver.Resolve(body, feed.Current, cache.Settings));
                return Results.Json(DnsDtos.Expansion(result), DnsDtos.Json);
            }
            catch (FormatException ex)
            {
                return Results.BadRequest(new DnsErrorDto(ex.Message));
            }
        }).WithName("PostDnsExpand");

        app.MapPost("/api/dns/lookup", async (DnsExpandRequestDto body, ISnapshotFeed feed, DnsReportCache cache, DnsLiveLookup live, CancellationToken ct) =>
        {
            ExpansionRequest request;
            try
            {
                request = DnsInputResolver.Resolve(body, feed.Current, cache.Settings);
            }
            catch (FormatException ex)
            {
                return Results.BadRequest(new DnsErrorDto(ex.Message));
            }

            var server = body.Server ?? request.ResolvConf.Nameservers.FirstOrDefault();
            if (server is null || !System.Net.IPAddress.TryParse(server, out _) || body.Port is < 1 or > 65535)
            {
                return Results.BadRequest(new DnsErrorDto("server must be an IP address and port 1-65535"));
            }

            var result = await live.RunAsync(new LiveLookupRequest
            {
                ResolvConf = request.ResolvConf, Libc = request.Libc, Name = request.Name, Family = request.Family, Server = server, Port = body.Port,
            }, ct);
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
            // It sends packets on the caller's behalf: limited per user, and its body is small.
            .RequireRateLimiting(Security.RateLimits.Lookup)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024));
        return app;
    }
}
