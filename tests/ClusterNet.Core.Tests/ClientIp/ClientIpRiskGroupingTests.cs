using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>Client-IP risks fold like DNS findings and lint: one group per risk and severity across the objects it concerns.</summary>
public sealed class ClientIpRiskGroupingTests
{
    private static readonly string[] Both = ["node-1", "node-2"];

    [Fact]
    public void Group_SameRiskOfManyServices_OneGroupSentenceCountsTheServices()
    {
        var cluster = new TestCluster();
        var services = Enumerable.Range(0, 6).Select(i => cluster.Service($"ns{i % 3}", $"web{i}", "LoadBalancer", null, Both)).ToList();
        var snapshot = cluster.Snapshot;
        var risks = services.SelectMany(s => ServiceClientIpAnalyzer.Analyze(snapshot, s).Risks).ToList();

        var groups = FindingGrouper.Group(risks);

        var snat = Assert.Single(groups, g => g.Summary.Code == "cluster-policy-snat");
        Assert.Equal(6, snat.Members.Length);
        Assert.Equal("6 Services", snat.Summary.Subject);
        Assert.Equal("6 Services: externalTrafficPolicy Cluster hides client addresses", snat.Summary.Message);
        // The per-Service detail and patches stay with the members; what every member shares stays on the group.
        Assert.Null(snat.Summary.Detail);
        Assert.All(snat.Summary.Fixes, f => Assert.Null(f.Patch));
        Assert.All(snat.Members, m => Assert.NotEmpty(m.Fixes));
        Assert.Equal(groups.Length, risks.Select(r => (r.Code, r.Severity)).Distinct().Count());
    }

    [Fact]
    public void Group_SameRiskOfServicesIngressesAndGateways_KindsCountedInOrder()
    {
        static Finding Risk(string subject) => new()
        {
            Area = FindingArea.ClientIp, Code = "forgeable-x-forwarded-for", Severity = Severity.Error, Subject = subject,
            Message = "Clients can choose their own address (X-Forwarded-For trusted from anyone)",
        };

        var group = Assert.Single(FindingGrouper.Group([Risk("Ingress shop/web"), Risk("Gateway infra/eg"), Risk("Ingress blog/www"), Risk("Service shop/api")]));

        Assert.Equal("2 Ingresses, 1 Gateway and 1 Service: Clients can choose their own address (X-Forwarded-For trusted from anyone)", group.Summary.Message);
        Assert.Equal(["Gateway infra/eg", "Ingress blog/www", "Ingress shop/web", "Service shop/api"], group.Members.Select(m => m.Subject));
    }
}
