using System.Collections.Immutable;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>
/// Who the API server is asked about for a signed-in user (Auth:ScopeByRbac): the user name and groups as the API
/// server knows them. Oidc: the name claim and the groups claims, with the API server's OIDC prefixes. Token: one
/// shared token has no person behind it, so every token holder is <see cref="AuthOptions.TokenUser"/> with
/// <see cref="AuthOptions.TokenGroups"/>.
/// </summary>
public sealed record AccessIdentity(string User, ImmutableArray<string> Groups)
{
    /// <summary>Stable text for caches and hub groups: same user and groups, same key.</summary>
    public string Key { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{User}\n{string.Join('\n', Groups)}")));

    /// <summary>Null when nobody is signed in, or the identity provider gave no user name (such a user sees nothing).</summary>
    public static AccessIdentity? From(ClaimsPrincipal? principal, AuthOptions options)
    {
        if (principal?.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }

        if (options.Mode == AuthMode.Token)
        {
            return string.IsNullOrWhiteSpace(options.TokenUser) ? null : Create(options.TokenUser, options.TokenGroups);
        }

        var name = identity.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var groups = principal.FindAll(ClusterNetClaims.Group).Select(c => options.Oidc.GroupsPrefix + c.Value);
        return Create(options.Oidc.UserPrefix + name, groups);
    }

    public static AccessIdentity Create(string user, IEnumerable<string> groups) =>
        new(user, [.. groups.Where(g => !string.IsNullOrWhiteSpace(g)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
}
