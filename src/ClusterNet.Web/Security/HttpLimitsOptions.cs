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
}
