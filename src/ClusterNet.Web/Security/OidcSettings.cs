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
}
