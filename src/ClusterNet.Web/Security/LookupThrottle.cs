using System.Security.Claims;
using System.Threading.RateLimiting;

namespace ClusterNet.Web.Security;

/// <summary>
/// The lookup limits for code that runs in a circuit (a page's "look up" button), where the ASP.NET rate-limiter
/// middleware never sees the call: <c>if (!throttle.TryAcquire(user, out var wait)) show "try again in {wait}"</c>.
/// </summary>
public sealed class LookupThrottle(HttpLimitsOptions limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetTokenBucketLimiter(key, _ => RateLimits.BucketOptions(limits)));

    public bool TryAcquire(ClaimsPrincipal? user, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(RateLimits.PartitionKey(user, null));
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
