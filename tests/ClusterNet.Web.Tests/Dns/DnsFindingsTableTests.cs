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
}
