using System.Security.Claims;

namespace ClusterNet.Web.Security;

/// <summary>
/// Auth:Oidc:AllowedUsers / AllowedGroups: a provider usually accepts everyone in the organisation (or anyone with an
/// account), so without an allow-list every such person could read the cluster's network layout.
/// </summary>
public static class OidcSignInGate
{
    /// <summary>Null when the user may sign in, else why not (logged, never shown with the lists).</summary>
    public static string? Refusal(ClaimsPrincipal? principal, OidcSettings settings)
    {
        if (!settings.RestrictsSignIn)
        {
            return null;
        }

        var name = principal?.Identity?.Name;
        if (!string.IsNullOrEmpty(name) && settings.AllowedUsers.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        var groups = principal?.FindAll(ClusterNetClaims.Group).Select(c => c.Value) ?? [];
        if (groups.Any(g => settings.AllowedGroups.Contains(g, StringComparer.Ordinal)))
        {
            return null;
        }

        return $"user '{name ?? "(no name claim)"}' is in neither Auth:Oidc:AllowedUsers nor Auth:Oidc:AllowedGroups";
    }
}
