using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Dns.Timeline;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>
/// The named scenarios of the DNS page (slow second nameserver, truncated reply, conntrack race) built from a snapshot,
/// run through both libraries, and the timeline each run produces: who asked what when, what was lost, which timer fired.
/// </summary>
public sealed class DnsTimelineTests
{
    private static readonly ResolvConf Conf = ResolvConfParser.Parse("nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");

    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "test"),
    [
        new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"] },
        new ServiceInfo { Namespace = "shop", Name = "cart", ClusterIps = ["10.96.5.5", "fd00::5"] },
    ]);

    private static readonly LibcProfile Musl123 = LibcProfile.Parse("musl", "1.2.3");

    private static ExpansionResult Run(string name, DnsScenario scenario, LibcProfile libc, DnsClusterSettings? settings = null)
    {
        var (conf, _) = DnsScenarioAnswers.Conf(Conf, scenario, settings ?? DnsClusterSettings.Default);
        return ResolverSimulator.Expand(new ExpansionRequest
        {
            ResolvConf = conf, Libc = libc, Name = name, Answers = DnsScenarioAnswers.For(Snapshot, conf, name, scenario, "cluster.local"),
        });
    }

    private static DnsTimeline Timeline(string name, DnsScenario scenario, LibcProfile libc) => DnsTimeline.Of(Run(name, scenario, libc));

    [Fact]
    public void ConntrackRace_Glibc_LosesTheAaaaOnceThenSendsOneAfterTheOther()
    {
        var t = Timeline("cart", DnsScenario.ConntrackRace, LibcProfile.Glibc);
        Assert.True(t.Result.Ok);
        Assert.Equal(5, t.TotalSeconds);
        Assert.Equal(1, t.Lost);
        Assert.Equal(1, t.Timeouts);
        var lost = Assert.Single(t.Events, e => e.Kind == DnsTimelineEventKind.Lost);
        Assert.Equal(("AAAA", 0.0, "10.96.0.10 udp"), (lost.Qtype, lost.AtSeconds, lost.Lane));
        var timeout = Assert.Single(t.Events, e => e.Kind == DnsTimelineEventKind.Timeout);
        Assert.Equal(5, timeout.AtSeconds);
        Assert.Contains("no AAAA reply from 10.96.0.10", timeout.Text, StringComparison.Ordinal);
        // After the loss glibc resends A, waits for it, then sends AAAA: nothing is in flight, nothing is lost.
        var resent = t.Events.Where(e => e.Kind == DnsTimelineEventKind.Sent && e.AtSeconds == 5).Select(e => e.Qtype);
        Assert.Equal(["A", "AAAA"], resent);
        Assert.Equal(DnsTimelineEventKind.Result, t.Events[^1].Kind);
        Assert.StartsWith("glibc 2.42: resolves cart (10.96.5.5, fd00::5) after 5 s — ", t.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void ConntrackRace_Musl_EveryCandidatePaysTheRetransmissionInterval()
    {
        var glibc = Timeline(DnsFindingScenario.ExternalProbe, DnsScenario.ConntrackRace, LibcProfile.Glibc);
        var musl = Timeline(DnsFindingScenario.ExternalProbe, DnsScenario.ConntrackRace, LibcProfile.Musl);
        // glibc switches to single-request after the first loss for the rest of the lookup; musl races on every name.
        Assert.Equal(1, glibc.Lost);
        Assert.Equal(4, musl.Lost);
        Assert.Equal(4, musl.Timeouts);
        Assert.Equal(10, musl.TotalSeconds);
        Assert.All(musl.Events.Where(e => e.Kind == DnsTimelineEventKind.Timeout), e => Assert.Contains("retransmission timer", e.Text, StringComparison.Ordinal));
        Assert.Equal([2.5, 5, 7.5, 10], musl.Events.Where(e => e.Kind == DnsTimelineEventKind.Timeout).Select(e => e.AtSeconds));
        Assert.True(musl.Result.Ok);
    }

    [Fact]
    public void ConntrackRace_SingleRequestReopen_HelpsGlibcNotMusl()
    {
        var conf = Conf with { Options = [.. Conf.Options, new DnsOption("single-request-reopen", null)] };
        ExpansionResult Expand(LibcProfile libc) => ResolverSimulator.Expand(new ExpansionRequest
        {
            ResolvConf = conf, Libc = libc, Name = "cart", Answers = DnsScenarioAnswers.For(Snapshot, conf, "cart", DnsScenario.ConntrackRace, "cluster.local"),
        });

        Assert.Equal(0, DnsTimeline.Of(Expand(LibcProfile.Glibc)).Lost);
        Assert.Equal(1, DnsTimeline.Of(Expand(LibcProfile.Musl)).Lost);
    }

    [Fact]
    public void Truncated_GlibcAndMusl125_AskAgainOverTcp()
    {
        foreach (var libc in new[] { LibcProfile.Glibc, LibcProfile.Musl })
        {
            var r = Run("cart", DnsScenario.Truncated, libc);
            Assert.True(r.Result.Ok, libc.ToString());
            Assert.Equal(["udp", "udp", "tcp", "tcp"], r.Queries.Select(q => q.Transport));
            var t = DnsTimeline.Of(r);
            Assert.Contains("10.96.0.10 tcp", t.Lanes);
            Assert.Equal(2, t.Events.Count(e => e.Kind == DnsTimelineEventKind.Ignored && e.Text.Contains("truncated (TC", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Truncated_Musl123_KeepsTheEmptyReplyAndFails()
    {
        var t = Timeline("cart", DnsScenario.Truncated, Musl123);
        Assert.False(t.Result.Ok);
        Assert.Equal("EAI_NONAME", t.Result.Error);
        Assert.DoesNotContain("10.96.0.10 tcp", t.Lanes);
        Assert.Contains(t.Events, e => e.Kind == DnsTimelineEventKind.Reply && e.Text.Contains("never asks over TCP", StringComparison.Ordinal));
    }

    [Fact]
    public void SlowSecondNameserver_OneNameserver_AddsAStandInAndSaysSo()
    {
        var (conf, note) = DnsScenarioAnswers.Conf(Conf, DnsScenario.SlowSecondNameserver, DnsClusterSettings.Default);
        Assert.Equal<string>(["10.96.0.10", DnsScenarioAnswers.StandInSecondNameserver], conf.Nameservers);
        Assert.Contains("stand-in", note, StringComparison.Ordinal);

        var (withNode, nodeNote) = DnsScenarioAnswers.Conf(Conf, DnsScenario.SlowSecondNameserver, DnsClusterSettings.Default with { NodeNameservers = ["10.0.0.2"] });
        Assert.Equal<string>(["10.96.0.10", "10.0.0.2"], withNode.Nameservers);
        Assert.Contains("the node's nameserver", nodeNote, StringComparison.Ordinal);

        Assert.Equal((Conf, (string?)null), DnsScenarioAnswers.Conf(Conf, DnsScenario.ConntrackRace, DnsClusterSettings.Default));
    }

    [Fact]
    public void SlowSecondNameserver_GlibcWaitsOutTheFirst_MuslTakesTheSecondsReply()
    {
        var glibc = Timeline("cart", DnsScenario.SlowSecondNameserver, LibcProfile.Glibc);
        var musl = Timeline("cart", DnsScenario.SlowSecondNameserver, LibcProfile.Musl);

        Assert.True(glibc.Result.Ok);
        Assert.Equal(6.5, glibc.TotalSeconds);
        Assert.Equal<string>(["10.96.0.10 udp", "192.0.2.53 udp", "resolver"], glibc.Lanes);
        var glibcSecond = glibc.Events.First(e => e.Lane == "192.0.2.53 udp" && e.Kind == DnsTimelineEventKind.Sent);
        Assert.Equal(5, glibcSecond.AtSeconds);

        Assert.True(musl.Result.Ok);
        Assert.Equal(1.5, musl.TotalSeconds);
        // Both servers are asked at once.
        Assert.Equal(4, musl.Events.Count(e => e.Kind == DnsTimelineEventKind.Sent && e.AtSeconds == 0));
        Assert.Equal(0, musl.Timeouts);
    }

    [Fact]
    public void HostsFileAnswer_NoQueries_TimelineIsTheResultAlone()
    {
        var r = ResolverSimulator.Expand(new ExpansionRequest { ResolvConf = Conf, Libc = LibcProfile.Musl, Name = "localhost" });
        var t = DnsTimeline.Of(r);
        Assert.Equal(DnsTimelineEventKind.Result, Assert.Single(t.Events).Kind);
        Assert.Equal<string>(["resolver"], t.Lanes);
        Assert.Contains("without asking DNS", t.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_InTimeOrder_EndWithTheResult()
    {
        var t = Timeline(DnsFindingScenario.ExternalProbe, DnsScenario.SlowSecondNameserver, LibcProfile.Glibc);
        Assert.Equal(t.Events.Select(e => e.AtSeconds).Order(), t.Events.Select(e => e.AtSeconds));
        Assert.Equal(DnsTimelineEventKind.Result, t.Events[^1].Kind);
        Assert.Equal(t.TotalSeconds, t.Events[^1].AtSeconds);
    }

    [Fact]
    public void ScenarioWords_RoundTripThroughTheParser()
    {
        Assert.Equal("slow-second-nameserver", DnsLookupQueryParser.ScenarioText(DnsScenario.SlowSecondNameserver));
        Assert.Equal("truncated", DnsLookupQueryParser.ScenarioText(DnsScenario.Truncated));
        Assert.Equal("conntrack-race", DnsLookupQueryParser.ScenarioText(DnsScenario.ConntrackRace));
    }
}
