using ClusterNet.Web.Security;

namespace ClusterNet.Web.Tests.Security;

/// <summary>The one local-redirect check behind the login form and the OIDC callback.</summary>
public sealed class LocalRedirectTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/cluster")]
    [InlineData("/policies?from=a%2Fb&to=c#x")]
    [InlineData("/dns/expand/%2F%2Fstill-a-path")]
    public void IsLocal_OwnPaths_Kept(string url)
    {
        Assert.True(LocalRedirect.IsLocal(url));
        Assert.Equal(url, LocalRedirect.OrHome(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]       // browsers drop the TAB: //evil.example
    [InlineData("/\n/evil.example")]
    [InlineData("/\r/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("/a\\..\\\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\u0000/evil.example")]
    [InlineData("/\u007f/evil.example")]
    [InlineData("/\u2028/evil.example")]
    public void IsLocal_ForeignOrAmbiguous_Home(string? url)
    {
        Assert.False(LocalRedirect.IsLocal(url));
        Assert.Equal("/", LocalRedirect.OrHome(url));
    }

    [Fact]
    public void IsLocal_Huge_Home() => Assert.Equal("/", LocalRedirect.OrHome("/" + new string('a', LocalRedirect.MaxLength)));
}
