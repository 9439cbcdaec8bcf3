using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>The DNS page's lookup for a pod: its own /etc/hosts, the libc override flowing into findings and patches, the scenario timelines.</summary>
public sealed class DnsLookupEnginePodTests
{
    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "test"),
    [
        new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")) },
        new PodInfo
        {
            Namespace = "shop", Name = "billing-0", Phase = "Running", Ready = true, PodIps = ["10.244.1.7"], Hostname = "billing-0", Subdomain = "billing",
            HostAliases = [new HostAliasInfo("10.1.2.3", ["legacy.corp"])],
            Containers = [new ContainerInfo { Name = "app", Image = "mycorp/billing:3.2.1" }],
        },
    ]);

    private static readonly ObjectKey Pod = new("shop", "billing-0");

    private static DnsLookupResult Run(DnsLookupQuery query) => DnsLookupEngine.Run(query, Snapshot, DnsClusterSettings.Default);

    [Fact]
    public void Run_Pod_HostsFileBuiltFromThePod()
    {
        var r = Run(new DnsLookupQuery { Pod = Pod });
        Assert.Equal("pod shop/billing-0", r.Hosts!.Source);
        Assert.Contains("10.244.1.7\tbilling-0.billing.shop.svc.cluster.local\tbilling-0", r.Hosts.Text, StringComparison.Ordinal);
        Assert.Contains("10.1.2.3\tlegacy.corp", r.Hosts.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billing-0", "10.244.1.7")]
    [InlineData("legacy.corp", "10.1.2.3")]
    [InlineData("billing-0.billing.shop.svc.cluster.local", "10.244.1.7")]
    public void Run_PodsOwnNames_AnsweredFromItsHostsFileWithoutQueries(string name, string address)
    {
        var r = Run(new DnsLookupQuery { Pod = Pod, Name = name, Family = LookupFamily.Inet });
        foreach (var ladder in new[] { r.Glibc!, r.Musl! })
        {
            Assert.Empty(ladder.Queries);
            Assert.Equal<string>([address], ladder.Result.Addresses);
        }
    }

    [Fact]
    public void Run_PastedConf_NoPodHostsFile() => Assert.Null(Run(new DnsLookupQuery { ResolvConf = "nameserver 10.96.0.10\n", Name = "x" }).Hosts);

    [Fact]
    public void Run_NoOverride_GlibcGuess_NoMuslFinding()
    {
        var r = Run(new DnsLookupQuery { Pod = Pod, Name = "x" });
        Assert.True(r.Primary.IsGlibc);
        Assert.DoesNotContain(r.PodFindings, f => f.Code == "musl-conntrack-race");
    }

    [Fact]
    public void Run_MuslOverride_FlowsIntoProfileFindingsAndPatch()
    {
        var r = Run(new DnsLookupQuery { Pod = Pod, Name = "x", Libc = LibcProfile.Parse("musl", "1.2.3") });
        Assert.Equal(LibcProfile.Parse("musl", "1.2.3"), r.Primary);
        Assert.Equal(LibcProfile.Parse("musl", "1.2.3"), r.Musl!.Request.Libc);
        var guess = Assert.Single(r.Profile!.Containers).Libc;
        Assert.True(guess.Overridden);
        Assert.Equal("override", guess.Rule);
        var race = Assert.Single(r.PodFindings, f => f.Code == "musl-conntrack-race");
        Assert.Equal(Severity.Critical, race.Severity);
        Assert.Contains(race.Fixes, f => f.Patch is not null && f.Patch.Contains("attempts", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_Scenario_TimelinesForBothLibraries()
    {
        var r = Run(new DnsLookupQuery { Pod = Pod, Name = "www.example.com", Scenario = DnsScenario.ConntrackRace, Libc = LibcProfile.Musl });
        Assert.NotNull(r.GlibcTimeline);
        Assert.Same(r.MuslTimeline, r.MyTimeline);
        Assert.Equal(4, r.MuslTimeline!.Lost);
        Assert.Null(r.ScenarioNote);
    }

    [Fact]
    public void Run_SlowSecondNameserver_NoteAndTwoNameservers()
    {
        var r = Run(new DnsLookupQuery { Pod = Pod, Name = "www.example.com", Scenario = DnsScenario.SlowSecondNameserver });
        Assert.Equal<string>(["10.96.0.10", DnsScenarioAnswers.StandInSecondNameserver], r.Glibc!.Request.ResolvConf.Nameservers);
        // The pod's own file is shown as it is.
        Assert.Equal<string>(["10.96.0.10"], r.Conf!.Nameservers);
        Assert.StartsWith("Scenario: this pod has one nameserver", r.ScenarioNote, StringComparison.Ordinal);
    }
}
