namespace ClusterNet.Web.Security;

public static class ClusterNetClaims
{
    /// <summary>Group membership used for SubjectAccessReview (OIDC groups claim).</summary>
    public const string Group = "clusternet/group";
}
