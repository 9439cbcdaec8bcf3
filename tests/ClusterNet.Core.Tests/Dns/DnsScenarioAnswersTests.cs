using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

public sealed class DnsScenarioAnswersTests
{
    private static readonly ResolvConf Conf = ResolvConfParser.Parse("nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");

    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "test"),
    [
        new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"] },
        new ServiceInfo { Namespace = "shop", Name = "cart", ClusterIps = ["10.96.5.5", "fd00::5"] },
        new ServiceInfo { Namespace = "shop", Name = "db", ClusterIps = ["None"], Selector = LabelMap.Of(("app", "db")) },
        new ServiceInfo { Namespace = "shop", Name = "payments", Type = "ExternalName", ExternalName = "pay.example.com" },
        new PodInfo { Namespace = "shop", Name = "db-0", Ready = true, PodIps = ["10.244.1.9"], Labels = LabelMap.Of(("app", "db")) },
        new PodInfo { Namespace = "shop", Name = "db-1", Ready = false, PodIps = ["10.244.2.9"], Labels = LabelMap.Of(("app", "db")) },
    ]);

    private static ExpansionResult Expand(string name, DnsScenario scenario, LibcProfile? libc = null) => ResolverSimulator.Expand(new ExpansionRequest
    {
        ResolvConf = Conf, Libc = libc ?? LibcProfile.Glibc, Name = name, Answers = DnsScenarioAnswers.For(Snapshot, Conf, name, scenario, "cluster.local"),
    });

    [Fact]
    public void Exists_ServiceInSameNamespace_ItsClusterIpsThroughTheFirstSuffix()
    {
        var r = Expand("cart", DnsScenario.Exists);
        Assert.True(r.Result.Ok);
        Assert.Equal("cart.shop.svc.cluster.local", r.AnsweredBy);
        Assert.Equal<string>(["10.96.5.5", "fd00::5"], r.Result.Addresses);
    }

    [Fact]
    public void Exists_ClusterDnsService_ItsServiceIp()
    {
        var r = Expand("kube-dns.kube-system", DnsScenario.Exists);
        Assert.Equal<string>(["10.96.0.10"], r.Result.Addresses);
        Assert.Equal("kube-dns.kube-system.svc.cluster.local", r.AnsweredBy);
    }

    [Fact]
    public void Exists_HeadlessService_ReadyPodIps()
    {
        Assert.Equal<string>(["10.244.1.9"], Expand("db", DnsScenario.Exists).Result.Addresses);
    }

    [Fact]
    public void Exists_ExternalNameService_CnameToTheExternalName()
    {
        var r = Expand("payments", DnsScenario.Exists);
        Assert.True(r.Result.Ok);
        Assert.Contains(DnsScenarioAnswers.ExampleIpv4, r.Result.Addresses);
    }

    [Fact]
    public void Exists_ExternalName_DocumentationAddressesAsTyped()
    {
        var r = Expand("baidu.com", DnsScenario.Exists);
        Assert.Equal("baidu.com", r.AnsweredBy);
        Assert.Equal<string>([DnsScenarioAnswers.ExampleIpv4, DnsScenarioAnswers.ExampleIpv6], r.Result.Addresses);
    }

    [Fact]
    public void Exists_MissingServiceOfTheClusterDomain_NotInvented()
    {
        Assert.False(Expand("nosuch.shop.svc.cluster.local", DnsScenario.Exists).Result.Ok);
        // A name outside the cluster domain that matches no Service is taken for an external one.
        Assert.Equal("nosuch", Expand("nosuch", DnsScenario.Exists).AnsweredBy);
    }

    [Fact]
    public void NxDomainAndLost_NothingAnswers()
    {
        Assert.Equal("EAI_NONAME", Expand("cart", DnsScenario.NxDomain).Result.Error);
        Assert.Equal("EAI_AGAIN", Expand("cart", DnsScenario.Lost).Result.Error);
    }

    [Fact]
    public void AaaaLost_MuslFailsWhereGlibcWaitsAndResolves()
    {
        var glibc = Expand("baidu.com", DnsScenario.AaaaLost);
        var musl = Expand("baidu.com", DnsScenario.AaaaLost, LibcProfile.Musl);
        Assert.True(glibc.Result.Ok);
        Assert.Equal<string>([DnsScenarioAnswers.ExampleIpv4], glibc.Result.Addresses);
        Assert.True(glibc.WorstCaseSeconds > 0);
        Assert.Equal("EAI_AGAIN", musl.Result.Error);
    }
}
