using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>
/// The browser login for Token mode: a plain form (no circuit needed before sign-in) posting the token,
/// protected by antiforgery, answered with an HttpOnly SameSite=Strict cookie.
/// </summary>
public static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapClusterNetLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, IOptions<AuthOptions> options, string? returnUrl, string? error) =>
        {
            if (options.Value.Mode == AuthMode.Oidc)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, ["OpenIdConnect"]);
            }

            var tokens = antiforgery.GetAndStoreTokens(context);
            return Results.Content(LoginPage(tokens, SafeReturnUrl(returnUrl), error is not null, options.Value.Mode), "text/html; charset=utf-8");
        }).AllowAnonymous().DisableAntiforgery();

        app.MapPost("/login", async (HttpContext context, IAntiforgery antiforgery, TokenStore store, IOptions<AuthOptions> options) =>
        {
            if (options.Value.Mode != AuthMode.Token)
            {
                return Results.NotFound();
            }

            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest("The login form expired or was not sent by this site; reload /login and try again.");
            }

            var form = await context.Request.ReadFormAsync();
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            if (!store.Matches(form["token"]))
            {
                return Results.Redirect($"/login?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "token-user"), new Claim(ClusterNetClaims.TokenFingerprint, store.Fingerprint)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl);
        }).AllowAnonymous().DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(16 * 1024));

        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });
        return app;
    }

    /// <summary>Only local paths: an open redirect after login would hand the session to another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) => LocalRedirect.OrHome(returnUrl);

    private static string LoginPage(AntiforgeryTokenSet tokens, string returnUrl, bool failed, AuthMode mode) => $$$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Sign in · ClusterNet</title><meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
          body{font-family:system-ui,sans-serif;background:#f5f6f8;color:#1d2330;display:grid;place-items:center;min-height:100vh;margin:0}
          @media (prefers-color-scheme: dark){body{background:#17191f;color:#e8eaf0} .card{background:#23262e} input{background:#17191f;color:#e8eaf0}}
          .card{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.15);width:22rem}
          label{display:block;margin:.5rem 0 .25rem} input{width:100%;padding:.5rem;box-sizing:border-box;border:1px solid #8890a0;border-radius:4px}
          button{margin-top:1rem;padding:.5rem 1rem;border:0;border-radius:4px;background:#2f5fd0;color:#fff;font-size:1rem}
          button:focus,input:focus{outline:3px solid #ffb000;outline-offset:2px} .error{color:#b00020}
        </style></head>
        <body><main class="card">
        <h1>ClusterNet</h1>
        {{{(mode == AuthMode.None ? "<p>Authentication is off (loopback only).</p>" : "")}}}
        {{{(failed ? "<p class=\"error\" role=\"alert\">That token is not valid.</p>" : "")}}}
        <form method="post" action="/login">
          <input type="hidden" name="{{{WebUtility.HtmlEncode(tokens.FormFieldName)}}}" value="{{{WebUtility.HtmlEncode(tokens.RequestToken)}}}">
          <input type="hidden" name="returnUrl" value="{{{WebUtility.HtmlEncode(returnUrl)}}}">
          <label for="token">Access token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
          <button type="submit">Sign in</button>
        </form>
        <p><small>The token is in the file named by Auth:TokenFile (in a cluster: the <code>clusternet-auth</code> Secret).</small></p>
        </main></body></html>
        """;
}
