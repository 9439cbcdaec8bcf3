using System.Net;
using System.Net.Http.Headers;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Shell;

/// <summary>What the server sends before the circuit connects: the 404 page, the skeleton and the remembered theme.</summary>
public sealed class ShellHttpTests(ShellHttpTests.App app) : IClassFixture<ShellHttpTests.App>
{
    /// <summary>One app for the class: these tests only read.</summary>
    public sealed class App : IAsyncLifetime
    {
        public WebAppFactory Factory { get; } = new(new TestClusterSource());

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetPageAsync(string path, string? themeCookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        if (themeCookie is not null)
        {
            request.Headers.Add("Cookie", $"cn-theme={themeCookie}");
        }

        return await app.Factory.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/topology/extra/segments")]
    public async Task Get_UnknownPage_Is404WithTheAppsNotFoundPage(string path)
    {
        var response = await GetPageAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no such page", html);
        Assert.Matches("<title>Not found [^<]* ClusterNet</title>", html);
        Assert.Contains("_framework/blazor.web", html);
    }

    [Fact]
    public async Task Get_UnknownApiPath_KeepsPlain404WithoutPage()
    {
        var response = await GetPageAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("There is no such page", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/topology")]
    [InlineData("/cluster")]
    public async Task Get_Page_ShowsSkeletonUntilTheCircuitConnects(string path)
    {
        var response = await GetPageAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"boot-skeleton\"", html);
        Assert.Contains("mud-skeleton", html);
        Assert.DoesNotContain("There is no such page", html);
    }

    [Theory]
    [InlineData(null, "light")]
    [InlineData("dark", "dark")]
    [InlineData("light", "light")]
    [InlineData("system-dark", "dark")]
    [InlineData("bogus", "light")]
    public async Task Get_Page_ThemeCookie_FirstPaintHasRememberedTheme(string? cookie, string expected)
    {
        var html = await (await GetPageAsync("/cluster", cookie)).Content.ReadAsStringAsync();

        Assert.Contains($"<html lang=\"en\" data-cn-theme=\"{expected}\">", html);
        Assert.Contains($"<meta name=\"color-scheme\" content=\"{expected}\" />", html);
    }
}
