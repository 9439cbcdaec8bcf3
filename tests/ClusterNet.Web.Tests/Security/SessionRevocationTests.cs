using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ClusterNet.Web.Tests.Security;

/// <summary>Token mode: signing out ends the session on the server; a rotated token file revokes the old token and its sessions.</summary>
public sealed partial class SessionRevocationTests
{
    private const string Token = "c0ffee00c0ffee00c0ffee00c0ffee00";
    private const string Rotated = "feedface11feedface11feedface11fe";

    [GeneratedRegex("name=\"(__RequestVerificationToken)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<string> SignInAsync(RunningApp app, string token)
    {
        using var client = app.Client(new CookieContainer());
        var match = AntiforgeryField().Match(await client.GetStringAsync("/login"));
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["returnUrl"] = "/", [match.Groups[1].Value] = WebUtility.HtmlDecode(match.Groups[2].Value),
        }));
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clusternet.auth=", StringComparison.Ordinal));
        return setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static async Task<HttpStatusCode> ApiWithCookieAsync(RunningApp app, string cookie)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> ApiWithTokenAsync(RunningApp app, string token)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Logout_CopiedCookie_NoLongerAccepted()
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(Token)}"]);
        var cookie = await SignInAsync(app, Token);
        Assert.Equal(HttpStatusCode.OK, await ApiWithCookieAsync(app, cookie));

        using (var client = app.Client())
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/logout"))
        {
            logout.Headers.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(logout)).StatusCode);
        }

        // The browser dropped the cookie; someone who copied it before must not get in with it.
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiWithCookieAsync(app, cookie));
    }

    [Fact]
    public async Task TokenFileRotated_OldTokenAndItsSessionsRevoked_NewTokenWorks()
    {
        var file = RunningApp.WriteTokenFile(Token);
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Auth:Mode=Token", $"--Auth:TokenFile={file}"]);
        var cookie = await SignInAsync(app, Token);
        Assert.Equal(HttpStatusCode.OK, await ApiWithTokenAsync(app, Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiWithTokenAsync(app, Rotated));

        // As the kubelet does: the new content appears under the same path (it swaps a symlink; a rename is the same for readers).
        var staged = file + ".new";
        await File.WriteAllTextAsync(staged, Rotated + "\n");
        File.Move(staged, file, overwrite: true);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await ApiWithTokenAsync(app, Rotated) != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the rotated token was not accepted within 30 s");
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ApiWithTokenAsync(app, Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiWithCookieAsync(app, cookie));
        Assert.Equal(HttpStatusCode.OK, await ApiWithCookieAsync(app, await SignInAsync(app, Rotated)));
    }
}
