using System.Security.Claims;
using System.Text.Json;

namespace ClusterNet.Web.Security;

/// <summary>Identity providers send groups as repeated claims or as one JSON array; both become one claim per group.</summary>
public static class OidcClaimMapper
{
    public static void AddGroupClaims(ClaimsPrincipal? principal, string groupsClaim)
    {
        if (principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        foreach (var claim in identity.FindAll(groupsClaim).ToList())
        {
            foreach (var group in Split(claim.Value))
            {
                if (!identity.HasClaim(ClusterNetClaims.Group, group))
                {
                    identity.AddClaim(new Claim(ClusterNetClaims.Group, group));
                }
            }
        }
    }

    public static IEnumerable<string> Split(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(trimmed) ?? [];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return trimmed.Length == 0 ? [] : [trimmed];
    }
}
