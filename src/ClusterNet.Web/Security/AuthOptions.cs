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
}
