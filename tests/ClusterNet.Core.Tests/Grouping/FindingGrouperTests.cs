using ClusterNet.Core.Dns;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Grouping;

public sealed class FindingGrouperTests
{
    private static readonly ServiceInfo KubeDns = new()
    {
        Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")),
    };

    private static PodInfo Pod(string ns, string name, string image, string? rs, PodDnsConfig? dns = null) => new()
    {
        Namespace = ns,
        Name = name,
        NodeName = "node-1",
        Phase = "Running",
        Labels = rs is null ? LabelMap.Of(("app", name)) : LabelMap.Of(("app", rs), ("pod-template-hash", "5d8f7c9b6")),
        Owner = rs is null ? null : new OwnerRef("ReplicaSet", $"{rs}-5d8f7c9b6"),
        Containers = [new ContainerInfo { Name = "app", Image = image }],
        DnsConfig = dns,
    };

    /// <summary>12 namespaces × (Deployment api of 10 glibc pods + Deployment web of 5 glibc pods), and one bare pod with ndots:3.</summary>
    private static ClusterSnapshot SyntheticCluster()
    {
        var objects = new List<IClusterObject> { KubeDns, new NodeInfo { Name = "node-1", KernelVersion = "5.15.0" } };
        for (var n = 1; n <= 12; n++)
        {
            for (var i = 0; i < 10; i++)
            {
                objects.Add(Pod($"ns{n}", $"api-5d8f7c9b6-{i}", "python:3.12-slim", "api"));
            }

            for (var i = 0; i < 5; i++)
            {
                objects.Add(Pod($"ns{n}", $"web-5d8f7c9b6-{i}", "python:3.12-slim", "web"));
            }
        }

        objects.Add(Pod("odd", "lone", "python:3.12-slim", null, new PodDnsConfig { Options = [new DnsOption("ndots", "3")] }));
        return ClusterSnapshot.Create(new SourceInfo("demo", "test"), objects);
    }

    private static Finding F(string code, string subject, string message, params string[] pods) => new()
    {
        Area = FindingArea.Dns, Code = code, Severity = Severity.Warning, Subject = subject, Message = message, Affected = [.. pods], Impact = pods.Length,
    };

    [Fact]
    public void Group_ManyPodsOfFewDeployments_AHandfulOfGroupsWithTheirMembers()
    {
        var report = DnsFindingsAnalyzer.Analyze(SyntheticCluster());
        var perWorkload = report.Findings.Count(f => f.Code == "ndots-search-cost");
        Assert.Equal(25, perWorkload);

        var groups = FindingGrouper.Group(report.Findings);

        Assert.True(groups.Length < report.Findings.Length, $"{groups.Length} groups for {report.Findings.Length} findings");
        var ndots = groups.Where(g => g.Summary.Code == "ndots-search-cost").ToList();
        Assert.Equal(2, ndots.Count);
        var big = Assert.Single(ndots, g => g.IsGroup);
        Assert.Equal(24, big.Members.Length);
        Assert.StartsWith("180 pods in 24 Deployments: every external name costs ", big.Summary.Message, StringComparison.Ordinal);
        Assert.Equal("24 Deployments", big.Summary.Subject);
        Assert.Equal(180, big.Summary.Affected.Length);
        // Members in natural order: ns2 before ns10.
        var subjects = big.Members.Select(m => m.Subject).ToList();
        Assert.True(subjects.IndexOf("Deployment ns2/api") < subjects.IndexOf("Deployment ns10/api"));
        Assert.Contains("ns2/api-5d8f7c9b6-0", big.Summary.Affected);
        Assert.DoesNotContain(big.Summary.Fixes, x => x.Patch is not null);
        Assert.Equal(big.Members.Sum(m => m.Impact), big.Summary.Impact);

        var lone = Assert.Single(ndots, g => !g.IsGroup);
        Assert.Same(report.Findings.Single(f => f.Code == "ndots-search-cost" && f.Subject.Contains("odd/lone", StringComparison.Ordinal)), lone.Summary);
    }

    [Fact]
    public void Group_LoneFinding_StaysItself()
    {
        var only = F("x", "Deployment a/b", "Deployment a/b: something", "a/b-1");
        var group = Assert.Single(FindingGrouper.Group([only]));
        Assert.False(group.IsGroup);
        Assert.Same(only, group.Summary);
    }

    [Fact]
    public void Group_DifferentCauseOrCode_NotFolded()
    {
        var groups = FindingGrouper.Group(
        [
            F("x", "Deployment a/b", "Deployment a/b: costs 8", "a/b-1"),
            F("x", "Deployment a/c", "Deployment a/c: costs 10", "a/c-1"),
            F("y", "Deployment a/d", "Deployment a/d: costs 8", "a/d-1"),
        ]);
        Assert.Equal(3, groups.Length);
        Assert.All(groups, g => Assert.False(g.IsGroup));
    }

    [Fact]
    public void Group_MixedKindsAndSubjectInsideTheMessage_CountsKindsAndReadsEach()
    {
        var groups = FindingGrouper.Group(
        [
            F("h", "Deployment a/b", "Deployment a/b runs with hostNetwork", "a/b-1", "a/b-2"),
            F("h", "StatefulSet a/c", "StatefulSet a/c runs with hostNetwork", "a/c-0"),
            F("h", "Deployment a/d", "Deployment a/d runs with hostNetwork", "a/d-1"),
        ]);
        var group = Assert.Single(groups);
        Assert.Equal("4 pods in 2 Deployments and 1 StatefulSet: each runs with hostNetwork", group.Summary.Message);
    }

    [Fact]
    public void Group_Thousands_CountsWithSeparators()
    {
        var findings = Enumerable.Range(1, 40).Select(i => F("n", $"Deployment ns{i}/app", $"Deployment ns{i}/app: ndots", [.. Enumerable.Range(0, 50).Select(p => $"ns{i}/app-{p}")]));
        var group = Assert.Single(FindingGrouper.Group(findings));
        Assert.Equal("2,000 pods in 40 Deployments: ndots", group.Summary.Message);
        Assert.Equal("Deployment ns1/app", group.Members[0].Subject);
        Assert.Equal("Deployment ns2/app", group.Members[1].Subject);
    }

    private static Finding Lint(string ns, string name, string selector) => new()
    {
        Area = FindingArea.Policy, Code = "selects-no-pod", Severity = Severity.Warning, Subject = $"NetworkPolicy {ns}/{name}", Field = "spec.podSelector",
        Message = $"spec.podSelector {selector} selects no pod in namespace {ns}: the policy has no effect.",
    };

    [Fact]
    public void Group_PolicyLintInManyNamespaces_OwnNamespaceIsTheSameCause()
    {
        var groups = FindingGrouper.Group([.. Enumerable.Range(1, 30).Select(i => Lint($"ns{i}", "web", "app=gone")), Lint("ns1", "db", "app=db"), Lint("ns10", "x", "app=ns1")]);

        Assert.Equal(3, groups.Length);
        var big = Assert.Single(groups, g => g.IsGroup);
        Assert.Equal("30 NetworkPolicies: spec.podSelector app=gone selects no pod in its namespace: the policy has no effect.", big.Summary.Message);
        Assert.Equal(30, big.Members.Length);
        Assert.Empty(big.Summary.Affected);
        Assert.Null(big.Summary.Field);
        // Only the phrase "namespace <own>" is read as the namespace; a selector value equal to another namespace stays.
        Assert.Contains(groups, g => g.Summary.Message == "spec.podSelector app=ns1 selects no pod in namespace ns10: the policy has no effect.");
    }

    [Fact]
    public void Cause_NamespacePrefixOfAnother_NotReplaced()
    {
        var f = Lint("ns1", "a", "x=y") with { Message = "selects no pod in namespace ns10 nor in namespace ns1." };
        Assert.Equal("selects no pod in namespace ns10 nor in its namespace.", FindingGrouper.Cause(f));
    }

    [Theory]
    [InlineData("no pod in namespace ns1.", "no pod in its namespace.")]
    [InlineData("no pod in namespace ns1: x", "no pod in its namespace: x")]
    [InlineData("no pod in namespace ns1-b.", "no pod in namespace ns1-b.")]
    [InlineData("no pod in namespace ns1.b", "no pod in namespace ns1.b")]
    [InlineData("no pod in subnamespace ns1", "no pod in subnamespace ns1")]
    [InlineData("namespace ns1 and namespace ns1", "its namespace and its namespace")]
    public void Cause_OwnNamespace_WholeNameOnly(string message, string cause) =>
        Assert.Equal(cause, FindingGrouper.Cause(Lint("ns1", "a", "x=y") with { Message = message }));
}
