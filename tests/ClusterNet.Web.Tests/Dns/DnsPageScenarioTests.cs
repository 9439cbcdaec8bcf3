using Bunit;
using Microsoft.AspNetCore.Components;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Web.PageModels.Dns;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ClusterNet.Web.Tests.Dns;

/// <summary>The DNS page's scenarios and timeline, C library override, hosts file and finding → scenario links.</summary>
public sealed class DnsPageScenarioTests : ShellTestContext
{
    private const string Php = "shop/php-fpm-7d9f8c6b5-abcde";
    private const string Api = "shop/api-5c6d7e8f9-xyz12";

    public DnsPageScenarioTests()
        : base(new TestClusterSource(objects: DnsFixture.Objects()))
    {
        Services.AddDnsPage();
        Services.AddSingleton<ISnapshotFeed>(new ControlledSnapshotFeed(ClusterSnapshot.Create(new SourceInfo("demo", "dns"), DnsFixture.Objects())));
    }

    private IRenderedComponent<ClusterNet.Web.Components.Pages.Dns> RenderPage(params (string Name, string? Value)[] query)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/dns", query.ToDictionary(q => q.Name, q => (object?)q.Value)));
        return Render<ClusterNet.Web.Components.Pages.Dns>();
    }

    private static IReadOnlyList<string> Kinds(IRenderedComponent<ClusterNet.Web.Components.Pages.Dns> cut, string libc) =>
        [.. cut.FindAll($"[data-testid=dns-timeline-{libc}] [data-testid=dns-timeline-event]").Select(r => r.GetAttribute("data-kind")!)];

    [Fact]
    public void ConntrackRace_MuslPod_TimelineVerdictFirstLostQueriesAndTimers()
    {
        var cut = RenderPage(("pod", Php), ("name", "www.example.com"), ("case", "conntrack-race"));
        var timelines = cut.FindAll("[data-testid=dns-timelines] > section");
        // The pod's library first.
        Assert.Equal("dns-timeline-musl", timelines[0].GetAttribute("data-testid"));
        Assert.StartsWith("musl 1.2.5: resolves www.example.com (203.0.113.10, 2001:db8::10) after 10 s — ",
            cut.Find("[data-testid=dns-timeline-musl] [data-testid=dns-timeline-verdict]").TextContent.Trim(), StringComparison.Ordinal);
        var musl = Kinds(cut, "musl");
        Assert.Equal(4, musl.Count(k => k == "lost"));
        Assert.Equal(4, musl.Count(k => k == "timer"));
        Assert.Equal("result", musl[^1]);
        Assert.Equal(1, Kinds(cut, "glibc").Count(k => k == "lost"));
        Assert.Equal(["10.96.0.10 udp", "resolver"], cut.FindAll("[data-testid=dns-timeline-musl] [data-testid=dns-timeline-lane]").Select(e => e.TextContent));
    }

    [Fact]
    public async Task ScenarioPicker_ChoosingTruncated_PutsItInTheUrlAndDrawsTcpLanes()
    {
        var cut = RenderPage(("pod", Php), ("name", "kube-dns.kube-system"));
        var picker = cut.FindComponents<MudSelect<DnsScenario>>().Single(s => s.Instance.Label == "If");

        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(DnsScenario.Truncated));

        Assert.Contains("case=truncated", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("10.96.0.10 tcp", cut.FindAll("[data-testid=dns-timeline-musl] [data-testid=dns-timeline-lane]").Select(e => e.TextContent));
    }

    [Fact]
    public void SlowSecondNameserver_NoteAndASecondLane()
    {
        var cut = RenderPage(("pod", Api), ("name", "kube-dns.kube-system"), ("case", "slow-second-nameserver"));
        Assert.Contains("a second one is added: 192.0.2.53", cut.Find("[data-testid=dns-scenario-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["10.96.0.10 udp", "192.0.2.53 udp", "resolver"], cut.FindAll("[data-testid=dns-timeline-glibc] [data-testid=dns-timeline-lane]").Select(e => e.TextContent));
        // Each of the two names tried waits out the first server (5 s), then the second's 1.5 s.
        Assert.Contains("after 13 s", cut.Find("[data-testid=dns-timeline-glibc] [data-testid=dns-timeline-verdict]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void HostsFile_OfThePod_Shown()
    {
        var cut = RenderPage(("pod", Php));
        var hosts = cut.Find("[data-testid=dns-hosts-file]").TextContent;
        Assert.StartsWith("# Kubernetes-managed hosts file.", hosts, StringComparison.Ordinal);
        Assert.Contains("10.244.1.5\tphp-fpm-7d9f8c6b5-abcde", hosts, StringComparison.Ordinal);
    }

    [Fact]
    public void HostsFile_PodsOwnHostname_NoQuery()
    {
        var cut = RenderPage(("pod", Php), ("name", "php-fpm-7d9f8c6b5-abcde"));
        Assert.Empty(cut.FindAll("[data-testid=dns-query-row]"));
        Assert.Contains("resolves (10.244.1.5)", cut.Find("[data-testid=dns-verdict]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LibcOverride_MuslOnAGlibcImage_InUrlProfileFindingsAndPatch()
    {
        var cut = RenderPage(("pod", Api), ("name", "www.example.com"));
        Assert.DoesNotContain(cut.FindAll("[data-testid=dns-pod-finding]"), f => f.GetAttribute("data-code") == "musl-conntrack-race");
        var control = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "C library");

        await cut.InvokeAsync(() => control.Instance.ValueChanged.InvokeAsync("musl 1.2.3"));

        Assert.Contains("libc=musl", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("libc-version=1.2.3", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("rule: override", cut.Find("[data-testid=dns-pod-profile]").TextContent, StringComparison.Ordinal);
        Assert.Contains("musl 1.2.3", cut.Find("[data-testid=dns-timeline-musl]").TextContent, StringComparison.Ordinal);
        var race = cut.FindAll("[data-testid=dns-pod-finding]").Single(f => f.GetAttribute("data-code") == "musl-conntrack-race");
        Assert.Contains("- name: attempts", race.TextContent, StringComparison.Ordinal);
        Assert.Contains("C library: musl 1.2.3", cut.Find("[data-testid=dns-pod-findings]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void LibcOverride_GlibcOnAnAlpineImage_RaceGoneFromThePodsFindings()
    {
        var cut = RenderPage(("pod", Php), ("name", "www.example.com"), ("libc", "glibc"), ("libc-version", "2.36"));
        Assert.Equal("glibc 2.36", Services.GetRequiredService<DnsPageModel>().View.Libc.Key);
        Assert.DoesNotContain(cut.FindAll("[data-testid=dns-pod-finding]"), f => f.GetAttribute("data-code") == "musl-conntrack-race");
        Assert.Equal("dns-timeline-glibc", cut.FindAll("[data-testid=dns-timelines] > section")[0].GetAttribute("data-testid"));
    }

    [Fact]
    public void FindingLink_RunsTheScenarioThatProvesIt()
    {
        var cut = RenderPage(("finding", "musl-conntrack-race:Deployment shop/php-fpm"));
        var link = cut.Find("[data-testid=dns-finding-scenario]");
        Assert.Equal("/dns?pod=shop%2Fphp-fpm-7d9f8c6b5-abcde&name=www.example.com&case=conntrack-race&finding=musl-conntrack-race%3ADeployment%20shop%2Fphp-fpm#dns-timeline", link.GetAttribute("href"));
        Assert.Contains("Run \"conntrack race\" for shop/php-fpm-7d9f8c6b5-abcde", link.TextContent, StringComparison.Ordinal);

        var opened = RenderPage(("pod", Php), ("name", "www.example.com"), ("case", "conntrack-race"), ("finding", "musl-conntrack-race:Deployment shop/php-fpm"));
        Assert.Equal(4, Kinds(opened, "musl").Count(k => k == "lost"));
        Assert.NotNull(opened.Find("[data-testid=dns-finding-details]"));
    }

    [Theory]
    [InlineData(null, null, "auto")]
    [InlineData("musl", "1.2.4", "musl 1.2.4")]
    [InlineData("glibc", null, "glibc")]
    [InlineData("musl", "1.2.0", "musl 1.2.0")]
    public void LibcChoice_FromUrl(string? libc, string? version, string key) => Assert.Equal(key, DnsLibcChoice.Of(libc, version).Key);
}
