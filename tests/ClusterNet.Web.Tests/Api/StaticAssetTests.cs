using System.Net;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Api;

public sealed class StaticAssetTests
{
    [Theory]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/js/shell.js", "text/javascript")]
    [InlineData("/js/cytoscape-loader.js", "text/javascript")]
    [InlineData("/lib/cytoscape/cytoscape.esm.min.mjs", "text/javascript")]
    [InlineData("/lib/cytoscape-fcose/cytoscape-fcose.js", "text/javascript")]
    [InlineData("/lib/cose-base/cose-base.js", "text/javascript")]
    [InlineData("/lib/layout-base/layout-base.js", "text/javascript")]
    public async Task Get_TopLevelWwwrootAndNpmFiles_AreServed(string path, string contentType)
    {
        await using var factory = new WebAppFactory(new TestClusterSource());

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_Page_HasSecurityHeadersAndNoInlineScript()
    {
        await using var factory = new WebAppFactory(new TestClusterSource());

        var response = await factory.CreateClient().GetAsync("/cluster");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("importmap", html);
        Assert.Matches("<script src=\"_framework/blazor.web[.a-z0-9]*js\"></script>", html);
    }
}
