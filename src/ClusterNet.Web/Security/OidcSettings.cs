namespace ClusterNet.Web.Security;

public sealed class OidcSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecretFile { get; set; }
    public string UserNameClaim { get; set; } = "preferred_username";
    public string GroupsClaim { get; set; } = "groups";
    public List<string> Scopes { get; set; } = ["openid", "profile"];
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>ScopeByRbac: prepended to the user name, as the API server's --oidc-username-prefix does (e.g. "oidc:").</summary>
    public string UserPrefix { get; set; } = "";

    /// <summary>ScopeByRbac: prepended to each group, as the API server's --oidc-groups-prefix does.</summary>
    public string GroupsPrefix { get; set; } = "";
}
