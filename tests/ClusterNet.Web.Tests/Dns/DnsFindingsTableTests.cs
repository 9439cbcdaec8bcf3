using Bunit;
using ClusterNet.Core.Findings;
using ClusterNet.Web.Components.Dns;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Dns;

public sealed class DnsFindingsTableTests : ShellTestContext
{
    private static Finding Finding(string code, Severity severity, double impact) => new()
    {
        Area = FindingArea.Dns, Code = code, Severity = severity, Subject = $"Deployment shop/{code}", Message = $"{code} title", Impact = impact, Affected = ["shop/a", "shop/b"],
        Fixes = [new FindingFix { Title = "fix" }],
    };

    [Fact]
    public void Render_InFindingOrderThenClick_RaisesTheFinding()
    {
        Finding? clicked = null;
        // Given out of order: the table sorts by severity first (FindingOrder), whatever the impact.
        var findings = new[] { Finding("small", Severity.Info, 5_000_000), Finding("big", Severity.Critical, 2_000_000) };
        var cut = Render<DnsFindingsTable>(p => p.Add(t => t.Findings, findings).Add(t => t.OnSelect, f => clicked = f));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(["big title", "small title"], rows.Select(r => r.QuerySelector("[data-testid=dns-finding-title]")!.TextContent.Trim()));
        Assert.Equal("critical", rows[0].QuerySelector("[data-testid=dns-finding-severity]")!.TextContent.Trim());
        Assert.Equal("critical", rows[0].QuerySelector("[data-testid=finding-severity]")!.GetAttribute("data-severity"));

        cut.ClickWhenStable(() => cut.FindAll("tbody tr")[1]);

        Assert.Equal("small", clicked?.Code);
    }

    [Fact]
    public void Render_AddressInMessage_KeptOnOneLine()
    {
        var f = Finding("race", Severity.Warning, 1) with { Message = "sends A and AAAA through conntrack DNAT to 10.96.0.10, fd00::10: lost" };
        var cut = Render<DnsFindingsTable>(p => p.Add(t => t.Findings, [f]));
        Assert.Equal(["10.96.0.10", "fd00::10"], cut.FindAll("[data-testid=dns-finding-title] .cn-dns-ip").Select(e => e.TextContent));
    }

    [Fact]
    public async Task EnterOnARow_SelectsIt()
    {
        Finding? selected = null;
        var cut = Render<DnsFindingsTable>(p => p.Add(t => t.Findings, [Finding("a", Severity.Warning, 1), Finding("b", Severity.Info, 1)]).Add(t => t.OnSelect, f => selected = f));

        await cut.InvokeAsync(() => cut.FindAll("tbody tr")[1].KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" }));

        Assert.Equal("b", selected?.Code);
        Assert.Equal("0", cut.FindAll("tbody tr")[1].GetAttribute("tabindex"));
    }

    private static Finding Ndots(int ns, int pods) => new()
    {
        Area = FindingArea.Dns, Code = "ndots-search-cost", Severity = Severity.Warning, Subject = $"Deployment ns{ns}/api",
        Message = $"Deployment ns{ns}/api: every external name costs 8 DNS packets", Impact = pods,
        Affected = [.. Enumerable.Range(0, pods).Select(p => $"ns{ns}/api-{p}")],
    };

    [Fact]
    public void Render_SameCauseInManyWorkloads_OneGroupRowThatOpensOntoItsMembers()
    {
        Finding? clicked = null;
        var findings = Enumerable.Range(1, 12).Select(n => Ndots(n, 10)).Append(Finding("lone", Severity.Critical, 1)).ToList();
        var cut = Render<DnsFindingsTable>(p => p.Add(t => t.Findings, findings).Add(t => t.OnSelect, f => clicked = f));

        Assert.Equal(2, cut.FindAll("tbody tr").Count);
        var group = cut.Find("[data-testid=dns-finding-group]");
        Assert.Equal("12", group.GetAttribute("data-members"));
        Assert.Equal("false", group.GetAttribute("aria-expanded"));
        Assert.Equal("120 pods in 12 Deployments: every external name costs 8 DNS packets", group.QuerySelector("[data-testid=dns-finding-title]")!.TextContent.Trim());

        cut.ClickWhenStable(() => cut.Find("[data-testid=dns-finding-group]"));

        Assert.Equal("true", cut.Find("[data-testid=dns-finding-group]").GetAttribute("aria-expanded"));
        var members = cut.FindAll("tr.cn-dns-finding--member");
        Assert.Equal(12, members.Count);
        // Natural order: ns2 before ns10.
        Assert.Equal("ndots-search-cost:Deployment ns1/api", members[0].GetAttribute("data-id"));
        Assert.Equal("ndots-search-cost:Deployment ns2/api", members[1].GetAttribute("data-id"));
        Assert.Equal("ndots-search-cost:Deployment ns12/api", members[11].GetAttribute("data-id"));
        Assert.Null(clicked);

        cut.ClickWhenStable(() => cut.FindAll("tr.cn-dns-finding--member")[1]);
        Assert.Equal("Deployment ns2/api", clicked?.Subject);
    }

    [Fact]
    public void Render_SelectedMember_ItsGroupOpensAndTheRowIsMarked()
    {
        var findings = Enumerable.Range(1, 3).Select(n => Ndots(n, 2)).ToList();
        var cut = Render<DnsFindingsTable>(p => p.Add(t => t.Findings, findings).Add(t => t.SelectedId, "ndots-search-cost:Deployment ns3/api"));

        Assert.Equal("true", cut.Find("[data-testid=dns-finding-group]").GetAttribute("aria-expanded"));
        Assert.Equal("true", cut.Find("tr[data-id='ndots-search-cost:Deployment ns3/api']").GetAttribute("aria-selected"));
    }
}
