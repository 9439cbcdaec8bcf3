using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ClusterNet.Web.Security;

/// <summary>
/// Named rate-limiter policies. <see cref="Lookup"/> guards endpoints that make the dashboard send packets on a user's
/// behalf (live DNS lookups): apply it with <c>.RequireRateLimiting(RateLimits.Lookup)</c>. Circuits (Blazor pages)
/// don't pass through the middleware; they ask <see cref="LookupThrottle"/> with the same limits.
/// </summary>
public static class RateLimits
{
    public const string Lookup = "lookup";

    public static IServiceCollection AddClusterNetRateLimits(this IServiceCollection services, HttpLimitsOptions limits)
    {
        services.AddSingleton(new LookupThrottle(limits));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Lookup, context => RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context.User, context.Connection.RemoteIpAddress?.ToString()), _ => BucketOptions(limits)));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetService<Metrics.DashboardMetrics>()?.LookupRefused("api");
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                        title: "Too many lookups",
                        detail: $"At most {limits.LookupBurst} live lookups at once and {limits.LookupsPerMinute} a minute per user; try again in {seconds} s.",
                        statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>Signed-in users are limited by name (wherever they connect from), everyone else by address.</summary>
    public static string PartitionKey(ClaimsPrincipal? user, string? remoteAddress) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? "user:" + name : "ip:" + (remoteAddress ?? "unknown");

    public static TokenBucketRateLimiterOptions BucketOptions(HttpLimitsOptions limits) => new()
    {
        TokenLimit = Math.Max(1, limits.LookupBurst),
        TokensPerPeriod = Math.Max(1, limits.LookupsPerMinute),
        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
