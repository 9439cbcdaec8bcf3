using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using ClusterNet.Web.Security.Scoping;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>Registers authentication for Auth:Mode (None, Token, Oidc). Pages, REST and the hub share one policy.</summary>
public static class AuthSetup
{
    public const string PolicyScheme = "ClusterNet";

    public static WebApplicationBuilder AddClusterNetAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton<TokenStore>();
        SessionTicketStore.Configure(builder.Services);
        builder.Services.AddHostedService<ListenAddressGuard>();

        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var auth = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = PolicyScheme;
            o.DefaultChallengeScheme = PolicyScheme;
        });
        auth.AddPolicyScheme(PolicyScheme, "ClusterNet", o => o.ForwardDefaultSelector = context =>
        {
            if (options.Mode == AuthMode.Token &&
                (context.Request.Headers.ContainsKey("Authorization") || context.Request.Headers.ContainsKey("X-Api-Key") ||
                 (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token"))))
            {
                return TokenAuthenticationHandler.SchemeName;
            }

            return CookieAuthenticationDefaults.AuthenticationScheme;
        });
        auth.AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        auth.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            o.Cookie.Name = "clusternet.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = AuthOptions.CookiePolicy(options.SecureCookie, AuthOptionsValidator.ConfiguredUrls(builder.Configuration));
            o.LoginPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            if (options.Mode == AuthMode.Oidc)
            {
                o.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme;
            }

            o.Events.OnRedirectToLogin = context =>
            {
                // Scripts and the hub get a status code, browsers get the login page.
                if (IsMachineRequest(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                // A rotated token (Auth:TokenFile changed) ends the sessions signed in with the old one.
                if (options.Mode == AuthMode.Token &&
                    context.Principal?.FindFirst(ClusterNetClaims.TokenFingerprint)?.Value != context.HttpContext.RequestServices.GetRequiredService<TokenStore>().Fingerprint)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                }
            };
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        if (options.Mode == AuthMode.Oidc)
        {
            auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                o.Authority = options.Oidc.Authority;
                o.ClientId = options.Oidc.ClientId;
                if (options.Oidc.ClientSecretFile is { } secretFile && File.Exists(secretFile))
                {
                    o.ClientSecret = File.ReadAllText(secretFile).Trim();
                }

                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = false;
                o.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.Scope.Clear();
                foreach (var scope in options.Oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }

                // Claims keep the provider's names: mapped, "sub" would become ClaimTypes.NameIdentifier and the
                // configured UserNameClaim (default "sub") would find no name.
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = options.Oidc.UserNameClaim;
                o.ClaimActions.MapJsonKey(ClusterNetClaims.Group, options.Oidc.GroupsClaim);
                o.Events.OnTokenValidated = context =>
                {
                    OidcClaimMapper.AddGroupClaims(context.Principal, options.Oidc.GroupsClaim);
                    if (OidcSignInGate.Refusal(context.Principal, options.Oidc) is { } refusal)
                    {
                        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthSetup)).LogWarning("OIDC sign-in refused: {Reason}", refusal);
                        context.Fail("not allowed to use this dashboard");
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnTicketReceived = context =>
                {
                    // The return URL made the round trip through the provider in the state; only a local one is followed.
                    context.ReturnUri = LocalRedirect.OrHome(context.ReturnUri);
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = context =>
                {
                    // A refused or failed sign-in ends on a plain 403, not an exception page or a redirect loop.
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.HandleResponse();
                    return context.Response.WriteAsync("Sign-in failed, or this account may not use the dashboard.");
                };
            });
        }

        builder.Services.AddAuthorization(o =>
        {
            if (options.Mode != AuthMode.None)
            {
                o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddClusterNetRbacScope(options);

        var limits = builder.Configuration.GetSection(HttpLimitsOptions.Section).Get<HttpLimitsOptions>() ?? new HttpLimitsOptions();
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.AddClusterNetRateLimits(limits);
        return builder;
    }

    /// <summary>After UseAuthorization: the signed-in user's RBAC scope (Auth:ScopeByRbac), then the rate limiter (it partitions by user).</summary>
    public static IApplicationBuilder UseClusterNetRequestGuards(this IApplicationBuilder app) =>
        app.UseClusterNetRbacScope().UseRateLimiter();

    internal static bool IsMachineRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/_blazor") ||
        Metrics.MetricsRequests.IsScrape(request) ||
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
