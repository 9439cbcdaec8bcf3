namespace ClusterNet.Web.Security;

public static class ClusterNetClaims
{
    /// <summary>Group membership used for SubjectAccessReview (OIDC groups claim).</summary>
    public const string Group = "clusternet/group";

    /// <summary>Token mode: <see cref="TokenStore.Fingerprint"/> of the token a cookie session signed in with.</summary>
    public const string TokenFingerprint = "clusternet/token";
}
