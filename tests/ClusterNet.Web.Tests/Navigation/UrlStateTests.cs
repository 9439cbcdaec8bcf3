using ClusterNet.Web.Navigation;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Tests.Navigation;

/// <summary>
/// On Blazor Server the NavigationManager learns a new URL only when the browser reports it: two changes within one
/// round trip (a tap selects, the double-tap opens a level) must both land, whichever order the browser's reports
/// arrive in relative to the second change.
/// </summary>
public sealed class UrlStateTests
{
    private const string Base = "http://localhost/";

    [Fact]
    public void Set_TwoChangesBeforeTheBrowserReportsTheFirst_SecondKeepsTheFirstsParameters()
    {
        var navigation = new RoundTripNavigationManager(Base + "topology?level=cluster");
        using var url = new UrlState(navigation);

        url.Set("sel", "topology/node/node01", replace: true);
        url.Set(false, ("level", "node"), ("node", "node01"));
        Assert.Equal(2, navigation.Requested.Count);
        navigation.ReportAll();

        Assert.Equal("?level=node&sel=topology%2Fnode%2Fnode01&node=node01", new Uri(navigation.Uri).Query);
    }

    [Fact]
    public void Set_FirstReportedBeforeTheSecondChange_SameResult()
    {
        var navigation = new RoundTripNavigationManager(Base + "topology?level=cluster");
        using var url = new UrlState(navigation);

        url.Set("sel", "topology/node/node01", replace: true);
        navigation.ReportAll();
        url.Set(false, ("level", "node"), ("node", "node01"));
        navigation.ReportAll();

        Assert.Equal("?level=node&sel=topology%2Fnode%2Fnode01&node=node01", new Uri(navigation.Uri).Query);
    }

    [Fact]
    public void Get_AfterSetBeforeTheReport_ReadsTheNewValue()
    {
        var navigation = new RoundTripNavigationManager(Base + "dns?ns=a");
        using var url = new UrlState(navigation);

        url.Set("ns", "b");

        Assert.Equal("b", url.Get("ns"));
        Assert.Equal(Base + "dns?ns=b&x=1", url.LinkWith(("x", "1")));
    }

    [Fact]
    public void Set_BrowserWentElsewhereMeanwhile_BuildsOnTheBrowsersLocation()
    {
        var navigation = new RoundTripNavigationManager(Base + "topology?level=cluster");
        using var url = new UrlState(navigation);

        url.Set("sel", "pod/dev/web");
        navigation.Requested.Clear();
        // Back (or a link) took the browser elsewhere before it reported ours.
        navigation.BrowserNavigates(Base + "dns?ns=dev");
        url.Set("q", "x");
        navigation.ReportAll();

        Assert.Equal(Base + "dns?ns=dev&q=x", navigation.Uri);
    }

    [Fact]
    public void Set_SameUrl_NoNavigation()
    {
        var navigation = new RoundTripNavigationManager(Base + "topology?level=cluster");
        using var url = new UrlState(navigation);

        url.Set("level", "cluster");

        Assert.Empty(navigation.Requested);
    }

    /// <summary>Like Blazor Server's: NavigateTo asks the browser; Uri and LocationChanged follow its report.</summary>
    private sealed class RoundTripNavigationManager : NavigationManager
    {
        public RoundTripNavigationManager(string uri) => Initialize(Base, uri);

        public List<string> Requested { get; } = [];

        public void ReportAll()
        {
            foreach (var uri in Requested.ToList())
            {
                BrowserNavigates(uri);
            }

            Requested.Clear();
        }

        public void BrowserNavigates(string uri)
        {
            Uri = uri;
            NotifyLocationChanged(isInterceptedLink: false);
        }

        protected override void NavigateToCore(string uri, NavigationOptions options) => Requested.Add(ToAbsoluteUri(uri).ToString());
    }
}
