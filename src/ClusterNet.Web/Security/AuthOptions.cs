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

    public OidcSettings Oidc { get; set; } = new();
}
