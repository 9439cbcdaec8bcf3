using ClusterNet.Core.Policy.Queries;

namespace ClusterNet.Web.Security;

/// <summary>Bound from the "Http" configuration section: request size and rate limits.</summary>
public sealed class HttpLimitsOptions
{
    public const string Section = "Http";

    /// <summary>
    /// Largest request body Kestrel accepts (what-if YAML, lookups, the login form). A megabyte holds thousands of
    /// NetworkPolicies; anything bigger is a mistake or an attack.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Live lookups one user (or, before sign-in, one address) may start in a burst.</summary>
    public int LookupBurst { get; set; } = 10;

    /// <summary>Live lookups per minute one user may start once the burst is spent.</summary>
    public int LookupsPerMinute { get; set; } = 12;

    /// <summary>
    /// Distinct probes one <c>GET /api/policy/reach</c> or <c>POST /api/policy/what-if</c> may name (repeats count once);
    /// more is a 400.
    /// </summary>
    public int ReachMaxProbes { get; set; } = 32;

    /// <summary>
    /// Cells (from × to × probes) one <c>GET /api/policy/reach</c> answer may hold; more is a 400 before anything is
    /// explained. That endpoint also requires from or to: the full pods × pods matrix is the Policies page's job.
    /// </summary>
    public int ReachMaxCells { get; set; } = 10_000;

    /// <summary>The REST reach endpoint's limits.</summary>
    public ReachLimits ReachLimits() => new() { RequireFromOrTo = true, MaxProbes = ReachMaxProbes, MaxCells = ReachMaxCells };
}
