namespace ClusterNet.Web.Security;

public sealed class OidcSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecretFile { get; set; }
    /// <summary>
    /// "sub" by default: the one claim a provider guarantees unique and never reassigns (preferred_username is
    /// user-editable at many providers, so another person could take over a name that RBAC bindings or allow-lists use).
    /// </summary>
    public string UserNameClaim { get; set; } = "sub";
    public string GroupsClaim { get; set; } = "groups";
    public List<string> Scopes { get; set; } = ["openid", "profile"];
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>When set, only users in one of these groups (the groups claim, before <see cref="GroupsPrefix"/>) may sign in.</summary>
    public List<string> AllowedGroups { get; set; } = [];

    /// <summary>When set, only these user names (the name claim, before <see cref="UserPrefix"/>) may sign in, besides <see cref="AllowedGroups"/>.</summary>
    public List<string> AllowedUsers { get; set; } = [];

    /// <summary>Whether an allow-list restricts who signs in (otherwise anyone the provider accepts for this client does).</summary>
    public bool RestrictsSignIn => AllowedGroups.Count > 0 || AllowedUsers.Count > 0;

    /// <summary>"-" means "no prefix", as for the API server's --oidc-username-prefix; empty is refused with ScopeByRbac.</summary>
    public const string NoPrefix = "-";

    /// <summary>ScopeByRbac: prepended to the user name, as the API server's --oidc-username-prefix does (e.g. "oidc:").</summary>
    public string UserPrefix { get; set; } = "";

    /// <summary>ScopeByRbac: prepended to each group, as the API server's --oidc-groups-prefix does.</summary>
    public string GroupsPrefix { get; set; } = "";
}
