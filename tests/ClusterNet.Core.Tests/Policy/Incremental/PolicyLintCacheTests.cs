using System.Collections.Immutable;
using System.Text.Json;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy.Incremental;

/// <summary>The incremental lint returns what a full lint of a fresh engine returns, in the same order, after any edit.</summary>
public sealed class PolicyLintCacheTests
{
    private static void AssertSameFindings(ImmutableArray<Finding> expected, ImmutableArray<Finding> actual, string context)
    {
        var e = expected.Select(f => JsonSerializer.Serialize(f)).ToList();
        var a = actual.Select(f => JsonSerializer.Serialize(f)).ToList();
        Assert.True(e.SequenceEqual(a), $"{context}:\nexpected\n{string.Join("\n", e)}\nactual\n{string.Join("\n", a)}");
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, true)]
    [InlineData(14, true)]
    [InlineData(16, true)]
    public void Get_RandomEdits_EqualsFullLintOfFreshEngine(int seed, bool policyEdits) => RunRandomEdits(seed, policyEdits);

    [Fact]
    public void Get_RandomEdits_ReachTheChecksTheCacheSplits()
    {
        // Not only the cluster-wide checks: the per-policy ones the cache keeps or redoes.
        var kinds = new HashSet<string>();
        foreach (var (seed, policyEdits) in new[] { (11, false), (12, false), (13, true), (14, true), (16, true) })
        {
            kinds.UnionWith(RunRandomEdits(seed, policyEdits));
        }

        Assert.Contains("selects-no-pod", kinds);
        Assert.Contains("ipblock-overlaps-pod-network", kinds);
        Assert.Contains("named-port-undefined", kinds);
        Assert.Contains("selector-matches-nothing", kinds);
        Assert.Contains("egress-blocks-dns", kinds);
    }

    /// <summary>60 random edits; after each the cached lint must equal a full lint of a fresh engine. Returns the codes seen.</summary>
    private static HashSet<string> RunRandomEdits(int seed, bool policyEdits)
    {
        var snapshot = RandomCluster.Build(seed, namespaces: 4, podsPerNamespace: 6, policies: 14);
        var engines = new PolicyEngineCache();
        var lints = new PolicyLintCache();
        AssertSameFindings(PolicyLinter.Lint(PolicyEngine.Build(snapshot)), lints.Get(engines.Get(snapshot)), $"seed {seed} start");
        Assert.Equal("full", lints.LastOutcome);
        var rnd = new Random(seed * 17);
        var kinds = new HashSet<string>();
        for (var step = 0; step < 60; step++)
        {
            snapshot = RandomClusterEdits.Apply(rnd, snapshot, policyEdits, out var what);
            var findings = lints.Get(engines.Get(snapshot));
            Assert.Equal("incremental", lints.LastOutcome);
            var full = PolicyLinter.Lint(PolicyEngine.Build(snapshot));
            AssertSameFindings(full, findings, $"seed {seed} step {step} ({what}), {lints.LastRelinted} relinted");
            kinds.UnionWith(full.Select(f => f.Code));
        }

        return kinds;
    }

    [Fact]
    public void Get_OnePodRelabelled_RelintsOnlyPoliciesItTouches()
    {
        var objects = new List<IClusterObject>
        {
            new NamespaceInfo { Name = "a" },
            new NamespaceInfo { Name = "b" },
            NotesCluster.Pod("a", "web", "10.0.0.1"),
            NotesCluster.Pod("b", "db", "10.0.1.1"),
            NetPol("a", "a-web", Sel(("app", "myapp")), ingress: [From(Pods(Sel(("app", "client"))))]),
            NetPol("b", "b-db", Sel(("app", "myapp")), ingress: [From(Pods(Sel(("app", "nothing"))))]),
        };
        var snapshot = ClusterSnapshot.Create(new SourceInfo("file", "lint"), objects);
        var engines = new PolicyEngineCache();
        var lints = new PolicyLintCache();
        Assert.Contains(lints.Get(engines.Get(snapshot)), f => f.Code == "selector-matches-nothing" && f.Subject == "NetworkPolicy a/a-web");
        var relabelled = snapshot with
        {
            Version = 2,
            Pods = KindCollection<PodInfo>.From(snapshot.Pods.Select(p => p.Namespace == "a" ? p with { Labels = LabelMap.Of(("app", "client")) } : p)),
        };
        var findings = lints.Get(engines.Get(relabelled));
        Assert.Equal("incremental", lints.LastOutcome);
        Assert.Equal(1, lints.LastRelinted);
        AssertSameFindings(PolicyLinter.Lint(PolicyEngine.Build(relabelled)), findings, "relabel");
        Assert.DoesNotContain(findings, f => f.Subject == "NetworkPolicy a/a-web" && f.Code == "selector-matches-nothing");
        Assert.Contains(findings, f => f.Subject == "NetworkPolicy a/a-web" && f.Code == "selects-no-pod");
    }

    [Fact]
    public void Get_PolicyChanged_RelintsThatPolicyOnly()
    {
        var snapshot = RandomCluster.Build(21, namespaces: 3, podsPerNamespace: 5, policies: 10);
        var engines = new PolicyEngineCache();
        var lints = new PolicyLintCache();
        lints.Get(engines.Get(snapshot));
        var victim = snapshot.NetworkPolicies[3];
        var changed = snapshot with
        {
            Version = 2,
            NetworkPolicies = KindCollection<NetworkPolicyInfo>.From(snapshot.NetworkPolicies.Select(p => p == victim ? p with { PodSelector = Sel(("app", "none")) } : p)),
        };
        var findings = lints.Get(engines.Get(changed));
        Assert.Equal(1, lints.LastRelinted);
        AssertSameFindings(PolicyLinter.Lint(PolicyEngine.Build(changed)), findings, "policy change");
        Assert.Contains(findings, f => f.Code == "selects-no-pod" && f.Subject == $"NetworkPolicy {victim.Key}");
    }

    [Fact]
    public void Get_SameEngine_Cached()
    {
        var engine = PolicyEngine.Build(RandomCluster.Build(22, namespaces: 2, podsPerNamespace: 3, policies: 4));
        var lints = new PolicyLintCache();
        var first = lints.Get(engine);
        Assert.Equal(first, lints.Get(engine));
        Assert.Equal("cached", lints.LastOutcome);
    }
}
