using Bunit;
using ClusterNet.Core.Dns;
using ClusterNet.Web.Components.Dns;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Dns;

public sealed class DnsFindingsTableTests : ShellTestContext
{
    private static DnsFinding Finding(string code, DnsSeverity severity, double impact) => new()
    {
        Code = code, Severity = severity, Scope = "workload", Subject = $"Deployment shop/{code}", Title = $"{code} title", Fix = "fix", Impact = impact, Pods = ["shop/a", "shop/b"],
    };

    [Fact]
    public void Render_ByImpactThenClick_RaisesTheFinding()
    {
        DnsFinding? clicked = null;
        var findings = new[] { Finding("big", DnsSeverity.Critical, 2_000_000), Finding("small", DnsSeverity.Info, 1) };
        var cut = Render<DnsFindingsTable>(p => p.Add(t => t.Findings, findings).Add(t => t.OnSelect, f => clicked = f));
        var rows = cut.FindAll("tbody tr");
        Assert.Equal(["big title", "small title"], rows.Select(r => r.QuerySelector("[data-testid=dns-finding-title]")!.TextContent.Trim()));
        Assert.Equal("critical", rows[0].QuerySelector("[data-testid=dns-finding-severity]")!.TextContent);
        rows[1].Click();
        Assert.Equal("small", clicked?.Code);
    }
}
