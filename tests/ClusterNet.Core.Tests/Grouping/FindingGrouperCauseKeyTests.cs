using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Tests.Grouping;

/// <summary>
/// The cause key sets aside what names one case (object keys, ranges, addresses, a pod count), so lint findings that
/// differ only in those are one group, while numbers that are the cause (ndots, packet counts) keep groups apart.
/// </summary>
public sealed class FindingGrouperCauseKeyTests
{
    private static Finding Lint(string code, string subject, string message, params string[] pods) => new()
    {
        Area = FindingArea.Policy, Code = code, Severity = Severity.Warning, Subject = subject, Message = message, Affected = [.. pods],
    };

    [Fact]
    public void Group_IpBlockOverlapsOfDifferentRanges_OneGroupRangesReadAsEllipsis()
    {
        var findings = Enumerable.Range(0, 30).Select(i => Lint("ipblock-overlaps-pod-network", $"NetworkPolicy ns-{i:D3}/allow-cidr-{i}",
            $"ipBlock 10.64.{i}.0/24 overlaps the pod network 10.64.{i}.0/24: ipBlock is meant for cluster-external IPs."));

        var group = Assert.Single(FindingGrouper.Group(findings));

        Assert.Equal(30, group.Members.Length);
        Assert.Equal("30 NetworkPolicies: ipBlock … overlaps the pod network …: ipBlock is meant for cluster-external IPs.", group.Summary.Message);
    }

    [Fact]
    public void Group_SameRangeInEveryMember_RangeKeptInTheSentence()
    {
        var findings = Enumerable.Range(0, 3).Select(i => Lint("ipblock-overlaps-pod-network", $"NetworkPolicy ns{i}/egress-{i}",
            $"ipBlock 0.0.0.0/0 overlaps the pod network 10.64.{i}.0/24: ipBlock is meant for cluster-external IPs."));

        var group = Assert.Single(FindingGrouper.Group(findings));

        Assert.Equal("3 NetworkPolicies: ipBlock 0.0.0.0/0 overlaps the pod network …: ipBlock is meant for cluster-external IPs.", group.Summary.Message);
    }

    [Fact]
    public void Group_EgressBlocksDnsForPodListsOfDifferentLengths_OneGroupWithThePodsCounted()
    {
        Finding Blocks(string ns, int pods)
        {
            var names = Enumerable.Range(0, pods).Select(p => $"{ns}/api-{p}").ToArray();
            var shown = string.Join(", ", names.Take(5)) + (pods > 5 ? ", …" : "");
            return Lint("egress-blocks-dns", $"NetworkPolicy {ns}/egress-1",
                $"Egress isolation blocks DNS for {pods} pod(s) ({shown}): no egress rule admits the kube-dns pods on 53/UDP. Name lookups will time out.", names);
        }

        var group = Assert.Single(FindingGrouper.Group([Blocks("ns1", 1), Blocks("ns2", 3), Blocks("ns3", 9)]));

        Assert.Equal("13 pods in 3 NetworkPolicies: Egress isolation blocks DNS for … pod(s): no egress rule admits the kube-dns pods on 53/UDP. Name lookups will time out.",
            group.Summary.Message);
    }

    [Fact]
    public void Group_DifferentNdotsAndPacketCounts_SeparateGroups()
    {
        Finding Dns(string workload, int ndots, int packets) => new()
        {
            Area = FindingArea.Dns, Code = "ndots-search-cost", Severity = Severity.Warning, Subject = $"Deployment shop/{workload}",
            Message = $"Deployment shop/{workload}: every external name costs {packets} DNS packets (ndots:{ndots} walks 3 search suffixes first)",
        };

        var groups = FindingGrouper.Group([Dns("a", 5, 8), Dns("b", 5, 8), Dns("c", 3, 4)]);

        Assert.Equal(2, groups.Length);
        Assert.Contains(groups, g => g.Members.Length == 2 && g.Summary.Message == "2 Deployments: every external name costs 8 DNS packets (ndots:5 walks 3 search suffixes first)");
    }

    [Theory]
    [InlineData("ipBlock 10.1.0.0/16 overlaps", "ipBlock \u0001 overlaps")]
    [InlineData("admits what ns-1/deny ingress[0] admits", "admits what \u0001 ingress[0] admits")]
    [InlineData("reaches 10.96.0.10 on 53/UDP", "reaches \u0001 on 53/UDP")]
    [InlineData("blocks DNS for 12 pod(s) (a/x, a/y, …): no rule", "blocks DNS for \u0001 pod(s) (\u0001): no rule")]
    [InlineData("costs 8 DNS packets (ndots:5)", "costs 8 DNS packets (ndots:5)")]
    [InlineData("Kubernetes 1.29 and fd00::1", "Kubernetes 1.29 and \u0001")]
    public void CauseKey_Sentence_CasesSetAside(string cause, string key) =>
        Assert.Equal(key, FindingGrouper.CauseKey(cause));
}
