using System.Collections.Immutable;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Decoding;
using ClusterNet.Core.ClientIp.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ClusterNet.Web.Metrics;

namespace ClusterNet.Web.ClientIp;

/// <summary>
/// Client-IP REST:
/// <list type="bullet">
/// <item><c>GET /api/echo</c>: what the dashboard itself received and the client address its own ForwardedHeaders
/// configuration derives (a live check when it sits behind the same load balancer or ingress as the apps).</item>
/// <item><c>GET /api/client-ip</c>: the "client IP preserved?" row of every exposed Service.</item>
/// <item><c>GET /api/client-ip/services/{ns}/{name}</c>, <c>GET /api/client-ip/ingresses/{ns}/{name}</c>,
/// <c>GET /api/client-ip/gateways/{ns}/{name}</c>: the path analysis (404 when absent).</item>
/// <item><c>GET /api/client-ip/ingresses/{ns}/{name}/migration</c>: the migration preview of an ingress-nginx Ingress
/// (404 when absent, 400 when another controller serves it).</item>
/// <item><c>POST /api/client-ip/decode</c> with {remoteAddr, headers[], trusted, headerName, recursive, forwardLimit,
/// xffNumTrustedHops, useRemoteAddress}: the
/// same JSON as <c>clusternet client-ip decode --format json</c> (400 with {error} for bad input).</item>
/// </list>
/// </summary>
public static class ClientIpEndpoints
{
    public static IEndpointRouteBuilder MapClientIpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/echo", (HttpContext context, [FromServices] IOptions<ForwardedHeadersOptions> options) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(ClientIpEcho.Build(context, options.Value));
        }).WithName("GetEcho");

        app.MapGet("/api/client-ip", ([FromServices] ISnapshotFeed feed, [FromServices] DashboardMetrics metrics) =>
        {
            var snapshot = feed.Current;
            return Results.Json(new ClientIpOverviewDto(snapshot.Version, [.. metrics.MeasureAnalyzer(AnalyzerNames.ClientIpOverview, () => ClientIpAnalyzer.Overview(snapshot))]));
        }).WithName("GetClientIpOverview");

        app.MapGet("/api/client-ip/services/{ns}/{name}", (string ns, string name, [FromServices] ISnapshotFeed feed, [FromServices] DashboardMetrics metrics) =>
            Report(feed.Current, ClientIpPathQueryParser.Parse(ClientIpTarget.Service, ns, name), metrics))
            .WithName("GetServiceClientIp");

        app.MapGet("/api/client-ip/ingresses/{ns}/{name}", (string ns, string name, [FromServices] ISnapshotFeed feed, [FromServices] DashboardMetrics metrics) =>
            Report(feed.Current, ClientIpPathQueryParser.Parse(ClientIpTarget.Ingress, ns, name), metrics))
            .WithName("GetIngressClientIp");

        app.MapGet("/api/client-ip/gateways/{ns}/{name}", (string ns, string name, [FromServices] ISnapshotFeed feed, [FromServices] DashboardMetrics metrics) =>
            Report(feed.Current, ClientIpPathQueryParser.Parse(ClientIpTarget.Gateway, ns, name), metrics))
            .WithName("GetGatewayClientIp");

        app.MapGet("/api/client-ip/ingresses/{ns}/{name}/migration", (string ns, string name, [FromServices] ISnapshotFeed feed, [FromServices] DashboardMetrics metrics) =>
        {
            var snapshot = feed.Current;
            var (preview, error) = metrics.MeasureAnalyzer(AnalyzerNames.ClientIpMigration, () => ClusterNet.Core.ClientIp.Migration.IngressMigrationPreviewBuilder.Build(snapshot, ns, name));
            return preview is not null
                ? Results.Json(preview)
                : snapshot.Ingresses.Get(ns, name) is null ? Results.NotFound(new { error }) : Results.BadRequest(new { error });
        }).WithName("GetIngressMigrationPreview");

        app.MapPost("/api/client-ip/decode", (DecodeRequestDto body, [FromServices] DashboardMetrics metrics) =>
        {
            var input = new DecodeInput(body.RemoteAddr ?? "", body.Headers ?? [], body.Trusted ?? "", body.HeaderName ?? ForwardedDecodeRequest.XForwardedFor,
                body.Recursive ?? false, body.ForwardLimit ?? "1", body.XffNumTrustedHops?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0", body.UseRemoteAddress ?? false);
            return input.TryParse(out var request, out var error)
                ? Results.Json(DecodeOutput.From(metrics.MeasureAnalyzer(AnalyzerNames.ClientIpDecode, () => ForwardedHeaderDecoder.Decode(request!))))
                : Results.BadRequest(new { error });
        }).WithName("DecodeClientIp").DisableAntiforgery();

        return app;
    }

    private static IResult Report(ClusterSnapshot snapshot, QueryResult<ClientIpPathQuery> parsed, DashboardMetrics metrics)
    {
        if (!parsed.Ok)
        {
            return Results.BadRequest(new { error = parsed.Errors[0].Message });
        }

        var query = parsed.Query!;
        return metrics.MeasureAnalyzer(AnalyzerNames.ClientIpPath, () => ClientIpAnalyzer.For(snapshot, query)) is { } report
            ? Results.Json(ClientIpReportDto.From(report))
            : Results.NotFound(new { error = $"no {query.SubjectKind} {query.Key} in snapshot v{snapshot.Version}" });
    }
}

/// <summary>GET /api/client-ip: snapshot version and one row per exposed Service.</summary>
public sealed record ClientIpOverviewDto(long Version, ImmutableArray<ClientIpOverviewRow> Items);

/// <summary>
/// POST /api/client-ip/decode body; fields as the CLI flags (forwardLimit "N" or "none", default "1";
/// xffNumTrustedHops default 0 and useRemoteAddress default false, Envoy's defaults).
/// </summary>
public sealed record DecodeRequestDto(string? RemoteAddr, ImmutableArray<string>? Headers, string? Trusted, string? HeaderName, bool? Recursive, string? ForwardLimit, int? XffNumTrustedHops = null, bool? UseRemoteAddress = null);
