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
    /// <summary>
    /// Stable text for caches and hub groups: same user and groups, same key. Each part is length-prefixed, so no user
    /// name (which may hold a newline) can make the text of another user and groups.
    /// </summary>
    public string Key { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Unambiguous(User, Groups))));

    /// <summary>"len:text" for each part: an injective encoding of a user and their groups.</summary>
    public static string Unambiguous(string user, IEnumerable<string> groups)
    {
        var text = new StringBuilder();
        foreach (var part in groups.Prepend(user))
        {
            text.Append(part.Length).Append(':').Append(part);
        }

        return text.ToString();
    }

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

        var groups = principal.FindAll(ClusterNetClaims.Group).Select(c => Prefix(options.Oidc.GroupsPrefix) + c.Value);
        return Create(Prefix(options.Oidc.UserPrefix) + name, groups);
    }

    /// <summary>
    /// Null for a <c>system:</c> user name, and <c>system:</c> groups are dropped: those are the API server's own
    /// identities (nodes, controllers, system:masters), which no person signing in here may borrow, e.g. through an
    /// identity provider that lets users pick their name or groups.
    /// </summary>
    public static AccessIdentity? Create(string user, IEnumerable<string> groups) =>
        IsReserved(user)
            ? null
            : new(user, [.. groups.Where(g => !string.IsNullOrWhiteSpace(g) && !IsReserved(g)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public static bool IsReserved(string name) => name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase);

    public const string ReservedPrefix = "system:";

    private static string Prefix(string configured) => configured == OidcSettings.NoPrefix ? "" : configured;
}
