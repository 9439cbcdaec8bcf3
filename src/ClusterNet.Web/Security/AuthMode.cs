namespace ClusterNet.Web.Security;

public enum AuthMode
{
    None,
    Token,
    Oidc,
}
