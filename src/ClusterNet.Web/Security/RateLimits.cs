using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace ClusterNet.Web.Security;

/// <summary>
/// The live-lookup budget: endpoints that make the dashboard send packets on a user's behalf (live DNS lookups) apply
/// it with <c>.RequireLookupBudget()</c>; circuits (Blazor pages) ask <see cref="LookupThrottle"/> directly. Both draw
/// from the one <see cref="LookupThrottle"/> per user, so the API and the page share a single budget.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddClusterNetRateLimits(this IServiceCollection services, HttpLimitsOptions limits)
    {
        services.AddSingleton(sp => new LookupThrottle(limits, sp.GetService<Metrics.DashboardMetrics>()));
        services.AddRateLimiter(o => o.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        return services;
    }

    /// <summary>Past the caller's budget: 429 with Retry-After and a problem, before the handler runs (nothing sent).</summary>
    public static RouteHandlerBuilder RequireLookupBudget(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var throttle = http.RequestServices.GetRequiredService<LookupThrottle>();
            if (throttle.TryAcquire(http.User, http.Connection.RemoteIpAddress?.ToString(), Metrics.LookupCaller.Api, out var retry))
            {
                return await next(context);
            }

            var limits = http.RequestServices.GetRequiredService<HttpLimitsOptions>();
            var seconds = retry > TimeSpan.Zero ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                title: "Too many lookups",
                detail: $"At most {limits.LookupBurst} live lookups at once and {limits.LookupsPerMinute} a minute per user; try again in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests);
        });

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
