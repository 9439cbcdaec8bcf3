namespace ClusterNet.Web.Security;

/// <summary>Bound from the "Auth" configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.None;

    /// <summary>Token mode: file holding the shared bearer token / API key (mounted from a Secret by the kubelet).</summary>
    public string? TokenFile { get; set; }

    /// <summary>With true, each signed-in user sees only namespaces where the API server lets them list pods.</summary>
    public bool ScopeByRbac { get; set; }

    /// <summary>How long a SubjectAccessReview answer is reused.</summary>
    public TimeSpan RbacCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Token mode with ScopeByRbac: the shared token has no person behind it, so the API server is asked about this
    /// user name (bind Roles to it); with no bindings the token holder sees nothing.
    /// </summary>
    public string TokenUser { get; set; } = DefaultTokenUser;

    /// <summary>Token mode with ScopeByRbac: groups the token user is reviewed with.</summary>
    public List<string> TokenGroups { get; set; } = [];

    public const string DefaultTokenUser = "clusternet-token";

    public OidcSettings Oidc { get; set; } = new();

    /// <summary>When the sign-in cookie is Secure; see <see cref="SecureCookieMode.Auto"/>.</summary>
    public SecureCookieMode SecureCookie { get; set; } = SecureCookieMode.Auto;

    /// <summary>The cookie's Secure policy for <see cref="SecureCookie"/> and where the dashboard listens.</summary>
    public static CookieSecurePolicy CookiePolicy(SecureCookieMode mode, IEnumerable<string> listenUrls) => mode switch
    {
        SecureCookieMode.Always => CookieSecurePolicy.Always,
        SecureCookieMode.SameAsRequest => CookieSecurePolicy.SameAsRequest,
        // No URL configured means our loopback default (ClusterNetWebApplication.DefaultUrl).
        _ => ListenAddressCheck.NonLoopback(listenUrls).Count == 0 ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always,
    };
}
