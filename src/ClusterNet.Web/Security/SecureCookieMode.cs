namespace ClusterNet.Web.Security;

/// <summary>Auth:SecureCookie: when the sign-in cookie carries the Secure flag.</summary>
public enum SecureCookieMode
{
    /// <summary>
    /// Always, except when every listening address is loopback (a local run over plain http). Behind a TLS-terminating
    /// ingress the dashboard sees plain http, so "same as the request" would send the session cookie without Secure.
    /// </summary>
    Auto,
    Always,
    SameAsRequest,
}
