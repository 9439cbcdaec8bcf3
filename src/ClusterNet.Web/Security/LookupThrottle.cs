using System.Security.Claims;
using System.Threading.RateLimiting;

namespace ClusterNet.Web.Security;

/// <summary>
/// The one per-user live-lookup budget, shared by POST /api/dns/lookup (<see cref="RateLimits.RequireLookupBudget"/>)
/// and the DNS page's "look up" button (a circuit, which the ASP.NET rate-limiter middleware never sees):
/// <c>if (!throttle.TryAcquire(user, out var wait)) show "try again in {wait}"</c>. Keyed by
/// <see cref="RateLimits.PartitionKey"/>: the user's name, or the remote address before sign-in. Every refusal is
/// counted in <c>clusternet_lookups_refused_total</c> by caller (page or api).
/// </summary>
public sealed class LookupThrottle(HttpLimitsOptions limits, Metrics.DashboardMetrics? metrics = null) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetTokenBucketLimiter(key, _ => RateLimits.BucketOptions(limits)));

    public bool TryAcquire(ClaimsPrincipal? user, out TimeSpan retryAfter) => TryAcquire(user, null, out retryAfter);

    /// <summary>The DNS page's call: a refusal counts as the page's.</summary>
    public bool TryAcquire(ClaimsPrincipal? user, string? remoteAddress, out TimeSpan retryAfter) =>
        TryAcquire(user, remoteAddress, Metrics.LookupCaller.Page, out retryAfter);

    public bool TryAcquire(ClaimsPrincipal? user, string? remoteAddress, Metrics.LookupCaller caller, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(RateLimits.PartitionKey(user, remoteAddress));
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        if (!lease.IsAcquired)
        {
            metrics?.LookupRefused(caller == Metrics.LookupCaller.Api ? "api" : "page");
        }

        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
