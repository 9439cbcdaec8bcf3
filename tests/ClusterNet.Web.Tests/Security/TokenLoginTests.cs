using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ClusterNet.Web.Tests.Security;

/// <summary>Token mode: the browser login form (antiforgery, cookie flags) and the bearer / API key for scripts.</summary>
public sealed partial class TokenLoginTests : IAsyncLifetime
{
    private const string Token = "c0ffee00c0ffee00c0ffee00c0ffee00";
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}"]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex("name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<HttpResponseMessage> PostLogin(HttpClient client, string token, bool withAntiforgery = true)
    {
        var form = await client.GetStringAsync("/login?returnUrl=%2Fcluster");
        var fields = new Dictionary<string, string> { ["token"] = token, ["returnUrl"] = "/cluster" };
        if (withAntiforgery)
        {
            var match = AntiforgeryField().Match(form);
            Assert.True(match.Success, "the login form carries an antiforgery token");
            fields[match.Groups[1].Value] = WebUtility.HtmlDecode(match.Groups[2].Value);
        }

        return await client.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Login_WrongToken_BackToFormWithError()
    {
        var cookies = new CookieContainer();
        using var client = _app.Client(cookies);

        using var response = await PostLogin(client, "not-the-token-at-all-0000000000");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?error=1", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(cookies.GetCookies(_app.BaseAddress).Cast<Cookie>(), c => c.Name == "clusternet.auth");
        Assert.Contains("That token is not valid.", await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/cluster")).StatusCode);
    }

    [Fact]
    public async Task Login_RightToken_HttpOnlyStrictCookieThenPagesAndApiWork()
    {
        var cookies = new CookieContainer();
        using var client = _app.Client(cookies);

        using var response = await PostLogin(client, Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cluster", response.Headers.Location!.OriginalString);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clusternet.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);

        using var page = await client.GetAsync("/cluster");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("_framework/blazor.web", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/snapshot")).StatusCode);

        // Signing out ends the cookie session.
        using var logout = await client.PostAsync("/logout", null);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/snapshot")).StatusCode);
    }

    [Fact]
    public async Task Login_WithoutAntiforgeryToken_Rejected()
    {
        using var client = _app.Client(new CookieContainer());

        using var response = await PostLogin(client, Token, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Set-Cookie", response.Headers.Select(h => h.Key));
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Login_ForeignReturnUrl_RedirectsHomeInstead(string returnUrl)
    {
        var cookies = new CookieContainer();
        using var client = _app.Client(cookies);
        var form = await client.GetStringAsync("/login");
        var match = AntiforgeryField().Match(form);

        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = Token, ["returnUrl"] = returnUrl, [match.Groups[1].Value] = WebUtility.HtmlDecode(match.Groups[2].Value),
        }));

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LoginForm_TabbedReturnUrl_FormCarriesHomeInstead()
    {
        using var client = _app.Client();

        var form = await client.GetStringAsync("/login?returnUrl=/%09/evil.example");

        Assert.Contains("name=\"returnUrl\" value=\"/\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", form, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + Token, HttpStatusCode.OK)]
    [InlineData("X-Api-Key", Token, HttpStatusCode.OK)]
    [InlineData("Authorization", "Bearer wrong-token-wrong-token-wrong-token", HttpStatusCode.Unauthorized)]
    [InlineData("X-Api-Key", "c0ffee00c0ffee00c0ffee00c0ffee0", HttpStatusCode.Unauthorized)]
    public async Task Api_TokenHeader_AuthenticatesOnlyTheRightToken(string header, string value, HttpStatusCode expected)
    {
        using var client = _app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Hub_BearerToken_NegotiatesAndAnonymousDoesNot()
    {
        using var client = _app.Client();
        using var anonymous = await client.PostAsync("/hubs/cluster/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/cluster/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var authorized = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Contains("connectionToken", await authorized.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
