using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Tests.Dns;

public sealed class DnsFindingScenarioTests
{
    private static Finding Finding(string code, params string[] pods) => new()
    {
        Area = FindingArea.Dns, Code = code, Severity = Severity.Warning, Subject = "Deployment shop/php", Message = "m", Affected = [.. pods],
    };

    [Theory]
    [InlineData("musl-conntrack-race", "www.example.com", DnsScenario.ConntrackRace)]
    [InlineData("ignored-option", "www.example.com", DnsScenario.ConntrackRace)]
    [InlineData("ndots-search-cost", "www.example.com", DnsScenario.Exists)]
    [InlineData("egress-blocks-nodelocal-dns", "kubernetes.default", DnsScenario.Lost)]
    public void For_FindingOfAPod_TheScenarioThatShowsIt(string code, string name, DnsScenario scenario)
    {
        var s = DnsFindingScenario.For(Finding(code, "shop/php-1", "shop/php-2"))!;
        Assert.Equal(("shop/php-1", name, scenario), (s.Pod, s.Name, s.Scenario));
    }

    [Theory]
    [InlineData("coredns-no-cache")]
    [InlineData("api-invalid-dnsconfig")]
    public void For_FindingNoLookupShows_Null(string code) => Assert.Null(DnsFindingScenario.For(Finding(code, "shop/php-1")));

    [Fact]
    public void For_NoPods_Null() => Assert.Null(DnsFindingScenario.For(Finding("musl-conntrack-race")));
}
