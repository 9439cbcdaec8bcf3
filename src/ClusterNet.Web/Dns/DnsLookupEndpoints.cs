using ClusterNet.Core.Dns;
using ClusterNet.Web.Security;

namespace ClusterNet.Web.Dns;

/// <summary>
/// <c>POST /api/dns/lookup</c> (see <see cref="DnsLookupRequestDto"/>): the live lookup for scripts. It sends packets on
/// the caller's behalf, so it is rate limited (<see cref="RateLimits.Lookup"/>) and its body is small.
/// </summary>
public static class DnsLookupEndpoints
{
    public const string Path = "/api/dns/lookup";
    private const long MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapDnsLookupApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (DnsLookupRequestDto request, CancellationToken cancellationToken) =>
        {
            if (!TryParse(request, out var lookup, out var error))
            {
                return Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await new DnsLiveLookup().RunAsync(lookup, cancellationToken);
            var r = result.Prediction.Result;
            return Results.Json(new DnsLookupResponseDto(result.Server, result.Verdict, r.Ok, r.Error, r.Addresses, result.TotalLatencyMs,
                [.. result.Queries.Select(q => new DnsLookupQueryDto(q.Predicted.Qname, q.Predicted.Qtype, q.Sent, q.Live?.Describe(),
                    q.Live is { } live ? live.Addresses : [], q.LatencyMs, q.Error))]));
        })
        .WithName("PostDnsLookup")
        .RequireRateLimiting(RateLimits.Lookup)
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    private static bool TryParse(DnsLookupRequestDto request, out LiveLookupRequest lookup, out string error)
    {
        lookup = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 253)
        {
            error = "name is required (at most 253 characters)";
            return false;
        }

        try
        {
            var conf = ResolvConfParser.Parse(request.ResolvConf ?? "", "resolvConf");
            var server = string.IsNullOrWhiteSpace(request.Server) ? conf.Nameservers.FirstOrDefault() : request.Server.Trim();
            if (server is null || !System.Net.IPAddress.TryParse(server, out _))
            {
                error = server is null ? "server is required when the resolv.conf has no nameserver" : $"server '{server}' is not an IP address";
                return false;
            }

            if (request.Port is < 1 or > 65535)
            {
                error = $"port must be between 1 and 65535, got {request.Port}";
                return false;
            }

            var family = (request.Family ?? "unspec").Trim().ToLowerInvariant() switch
            {
                "unspec" => LookupFamily.Unspec,
                "inet" => LookupFamily.Inet,
                "inet6" => LookupFamily.Inet6,
                _ => throw new ArgumentException($"family must be unspec, inet or inet6, got '{request.Family}'"),
            };
            lookup = new LiveLookupRequest
            {
                ResolvConf = conf,
                Libc = LibcProfile.Parse(request.Libc ?? "glibc", request.LibcVersion),
                Name = request.Name.Trim(),
                Family = family,
                Server = server,
                Port = request.Port ?? 53,
            };
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            error = e.Message;
            return false;
        }
    }
}
