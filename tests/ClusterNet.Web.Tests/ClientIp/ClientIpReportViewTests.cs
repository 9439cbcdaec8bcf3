using Bunit;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Findings;
using ClusterNet.Web.Components.ClientIp;
using ClusterNet.Web.PageModels.ClientIp;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.ClientIp;

/// <summary>The report's risks list is grouped (FindingGrouper): the same risk of several objects is one item counting them.</summary>
public sealed class ClientIpReportViewTests : ShellTestContext
{
    private static Finding Risk(string subject) => new()
    {
        Area = FindingArea.ClientIp, Code = "cluster-policy-snat", Severity = Severity.Warning, Subject = subject,
        Message = "externalTrafficPolicy Cluster hides client addresses", Detail = $"{subject[8..]}'s pods see node addresses.",
    };

    private static ClientIpReportPanel Panel(params Finding[] risks) => new()
    {
        Report = new ClientIpReport { Kind = ClientIpSubjectKind.Service, Namespace = "shop", Name = "web", Outcome = ClientIpOutcome.Lost, Verdict = "Lost: SNAT on the node." },
        Badge = ClientIpBadge.Of(ClientIpOutcome.Lost, "Lost: SNAT on the node."),
        Risks = [.. risks],
    };

    [Fact]
    public void Risks_SameRiskOfThreeServices_OneGroupWithItsMembersBehindIt()
    {
        var cut = Render<ClientIpReportView>(p => p.Add(x => x.Panel, Panel(Risk("Service shop/web"), Risk("Service shop/api"), Risk("Service blog/www"))));

        var group = cut.Find("[data-testid=client-ip-risks] [data-testid=finding-group]");
        Assert.Equal("3", group.GetAttribute("data-members"));
        Assert.Equal("3 Services: externalTrafficPolicy Cluster hides client addresses",
            group.QuerySelector("[data-testid=finding-group-summary] [data-testid=finding-message]")!.TextContent.Trim());
        // Members render once the group is opened.
        Assert.Empty(group.QuerySelectorAll("[data-testid=finding-group-members]"));
        cut.Find("[data-testid=client-ip-risks] [data-testid=finding-group] [data-testid=finding-group-toggle]").Click();
        group = cut.Find("[data-testid=client-ip-risks] [data-testid=finding-group]");
        Assert.Equal(3, group.QuerySelectorAll("[data-testid=finding-group-members] [data-testid=finding]").Length);
    }

    [Fact]
    public void Risks_OneReportsDistinctRisks_ListedAsThemselves()
    {
        var other = Risk("Service shop/web") with { Code = "hostnetwork-backend", Severity = Severity.Info, Message = "Backends use hostNetwork" };

        var cut = Render<ClientIpReportView>(p => p.Add(x => x.Panel, Panel(Risk("Service shop/web"), other)));

        Assert.Empty(cut.FindAll("[data-testid=finding-group]"));
        Assert.Equal(["cluster-policy-snat", "hostnetwork-backend"], cut.FindAll("[data-testid=client-ip-risks] [data-testid=finding]").Select(f => f.GetAttribute("data-code")));
    }
}
