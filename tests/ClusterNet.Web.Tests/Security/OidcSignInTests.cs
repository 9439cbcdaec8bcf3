using System.Net;
using System.Security.Claims;
using ClusterNet.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// Auth:Mode=Oidc without a provider: the handler gets a static configuration, so challenges are real redirects and its
/// events run as they do after a real provider's callback.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(
            ["--Cluster:Source=demo", "--Auth:Mode=Oidc", "--Auth:Oidc:Authority=https://idp.example/", "--Auth:Oidc:ClientId=clusternet",
             "--Auth:Oidc:AllowedGroups:0=net-oncall", "--Auth:Oidc:AllowedUsers:0=alice-sub"],
            builder => builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                o.Configuration = new OpenIdConnectConfiguration { AuthorizationEndpoint = "https://idp.example/authorize", Issuer = "https://idp.example/" };
                o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(o.Configuration);
            }));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private OpenIdConnectOptions Options => _app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

    private async Task<AuthenticationScheme> SchemeAsync() =>
        (await _app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme))!;

    private DefaultHttpContext Http() => new() { RequestServices = _app.Services };

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task Login_ForeignReturnUrl_ChallengeCarriesHome(string returnUrl)
    {
        using var client = _app.Client();

        using var response = await client.GetAsync("/login?returnUrl=" + returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("https://idp.example/authorize", location.AbsoluteUri, StringComparison.Ordinal);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query)["state"].ToString();
        var properties = Options.StateDataFormat.Unprotect(state)!;
        Assert.Equal("/", properties.RedirectUri);
    }

    [Fact]
    public async Task Callback_ForeignReturnUri_FollowsOnlyALocalOne()
    {
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity()), new AuthenticationProperties(), OpenIdConnectDefaults.AuthenticationScheme);
        var context = new TicketReceivedContext(Http(), await SchemeAsync(), Options, ticket) { ReturnUri = "/\t/evil.example" };

        await Options.Events.TicketReceived(context);

        Assert.Equal("/", context.ReturnUri);
    }

    [Fact]
    public void NameClaim_Default_IsSubUnmapped()
    {
        Assert.Equal("sub", Options.TokenValidationParameters.NameClaimType);
        // Mapped inbound claims would turn "sub" into ClaimTypes.NameIdentifier, and the name claim would be missing.
        Assert.False(Options.MapInboundClaims);
    }

    [Theory]
    [InlineData("bob-sub", "", false)]
    [InlineData("bob-sub", "developers", false)]
    [InlineData("bob-sub", "net-oncall", true)]
    [InlineData("alice-sub", "", true)]
    [InlineData("Alice-Sub", "Net-Oncall", false)]
    public async Task TokenValidated_AllowLists_OnlyListedUsersAndGroupsSignIn(string user, string group, bool allowed)
    {
        var identity = new ClaimsIdentity([new Claim("sub", user), .. group.Length == 0 ? Array.Empty<Claim>() : [new Claim("groups", group)]], "oidc", "sub", ClaimTypes.Role);
        var context = new TokenValidatedContext(Http(), await SchemeAsync(), Options, new ClaimsPrincipal(identity), new AuthenticationProperties());

        await Options.Events.TokenValidated(context);

        Assert.Equal(allowed, context.Result?.Failure is null);
    }

    [Fact]
    public void Gate_NoAllowLists_EveryoneTheProviderAccepts() =>
        Assert.Null(OidcSignInGate.Refusal(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "oidc")), new OidcSettings()));
}
