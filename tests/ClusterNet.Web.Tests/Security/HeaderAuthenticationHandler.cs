using System.Security.Claims;
using System.Text.Encodings.Web;
using ClusterNet.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// Stands in for the OIDC login in tests: `X-Test-User: alice` and `X-Test-Groups: a,b` become the signed-in user
/// with the same claims the OIDC handler produces (name claim, one <see cref="ClusterNetClaims.Group"/> per group).
/// </summary>
public sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeader";

    /// <summary>Routes every request of the app's policy scheme to this handler (the app runs with Auth:Mode=Oidc).</summary>
    public static void Install(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(SchemeName, null);
        builder.Services.PostConfigure<PolicySchemeOptions>(AuthSetup.PolicyScheme, o => o.ForwardDefaultSelector = _ => SchemeName);
    }

    public static ClaimsPrincipal Principal(string user, params string[] groups) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), .. groups.Select(g => new Claim(ClusterNetClaims.Group, g))], SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var user = Request.Headers["X-Test-User"].ToString();
        if (user.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var groups = Request.Headers["X-Test-Groups"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Principal(user, groups), SchemeName)));
    }
}
