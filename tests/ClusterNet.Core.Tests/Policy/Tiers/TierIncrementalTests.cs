using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Tests.Policy.Tiers;

/// <summary>
/// Cluster-scoped policy edits applied incrementally (the tier stages derived with one policy recompiled, the matrix
/// patched only where a decision can change) give exactly what a rebuild from the edited snapshot gives, over random
/// sequences of adds, changes and deletes in both tiers and both directions.
/// </summary>
public sealed class TierIncrementalTests
{
    private static readonly ReachProbe[] Probes = [ReachProbe.Tcp(80), ReachProbe.Tcp(81), new(53, "UDP"), ReachProbe.Tcp(8080)];

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    [InlineData(27)]
    [InlineData(28)]
    public void Recompute_RandomClusterPolicyEdits_EqualsRebuild(int seed)
    {
        var rnd = new Random(seed);
        var snapshot = RandomCluster.Build(seed, namespaces: 4, podsPerNamespace: 6, policies: 6);
        snapshot = snapshot with { ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.From(Enumerable.Range(0, 5).Select(i => RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{i}"))) };
        var engine = PolicyEngine.Build(snapshot);
        var matrix = engine.ComputeMatrix(Probes);
        for (var step = 0; step < 10; step++)
        {
            var existing = engine.Snapshot.ClusterPolicies.ToList();
            PolicyEngine next;
            string what;
            var roll = rnd.Next(10);
            if (roll < 3 && existing.Count > 0)
            {
                var victim = existing[rnd.Next(existing.Count)];
                next = engine.WithoutClusterPolicy(victim.Kind, victim.Name);
                what = $"delete {victim.Kind} {victim.Name}";
            }
            else if (roll < 7 && existing.Count > 0)
            {
                var victim = existing[rnd.Next(existing.Count)];
                next = engine.WithClusterPolicy(RandomClusterPolicy.Next(rnd, victim.Kind, victim.Name));
                what = $"change {victim.Kind} {victim.Name}";
            }
            else
            {
                var kind = (ClusterPolicyKind)rnd.Next(3);
                var name = kind == ClusterPolicyKind.BaselineAdminNetworkPolicy ? "default" : $"new{step}";
                next = engine.WithClusterPolicy(RandomClusterPolicy.Next(rnd, kind, name));
                what = $"add {kind} {name}";
            }

            var patched = matrix.Recompute(next, []);
            AssertSame(PolicyEngine.Build(next.Snapshot).ComputeMatrix(Probes), patched, $"step {step} ({what})");
            engine = next;
            matrix = patched;
        }
    }

    [Fact]
    public void WithClusterPolicy_OtherPolicies_KeepTheirCompiledForm()
    {
        var rnd = new Random(5);
        var snapshot = RandomCluster.Build(5, namespaces: 3, podsPerNamespace: 4, policies: 2) with
        {
            ClusterNetworkPolicies = KindCollection<ClusterPolicyInfo>.From(Enumerable.Range(0, 4).Select(i => RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, $"cnp{i}"))),
        };
        var engine = PolicyEngine.Build(snapshot);
        var edited = engine.WithClusterPolicy(RandomClusterPolicy.Next(rnd, ClusterPolicyKind.ClusterNetworkPolicy, "cnp1"));

        var before = Compiled(engine);
        var after = Compiled(edited);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var name in before.Keys)
        {
            Assert.Equal(name != "cnp1", ReferenceEquals(before[name], after[name]));
        }
    }

    [Fact]
    public void Recompute_IngressOnlyEdit_CopiesOnlyRowsThatChange()
    {
        var pods = new[] { "x/a", "x/b", "y/a", "y/b", "z/a" };
        var deny = Cnp.Admin("deny-y", 1, Cnp.SubjectNs("x"), ingress: [Cnp.Deny(Cnp.Ns("y"))]);
        var engine = PolicyEngine.Build(Cnp.Snapshot(pods, [], deny));
        var matrix = engine.ComputeMatrix(Probes);
        var edited = engine.WithClusterPolicy(deny with { Ingress = [Cnp.Deny(Cnp.Ns("z"))] });

        var patched = matrix.Recompute(edited, []);

        AssertSame(PolicyEngine.Build(edited.Snapshot).ComputeMatrix(Probes), patched, "edit");
        for (var k = 0; k < matrix.PortClassCount; k++)
        {
            var was = matrix.Classes[k].Layer.Rows;
            var now = patched.Classes[k].Layer.Rows;
            for (var s = 0; s < was.Length; s++)
            {
                // Rows of y (now admitted to x) and z (now denied) change; the rows of x's own pods are left as they were.
                var changed = !was.RowEquals(now, s);
                Assert.Equal(changed, !was.SharesRow(now, s));
                Assert.Equal(matrix.Pods[s].Namespace is "y" or "z", changed);
            }
        }
    }

    private static Dictionary<string, CompiledClusterPolicy> Compiled(PolicyEngine engine) =>
        engine.Chain.Stages.OfType<ClusterPolicyStage>().SelectMany(s => s.Policies).ToDictionary(p => p.Source.Name);

    internal static void AssertSame(ReachMatrix fresh, ReachMatrix patched, string where)
    {
        Assert.True(fresh.Pods.SequenceEqual(patched.Pods), where + ": different pods");
        for (var f = 0; f < fresh.Pods.Length; f++)
        {
            for (var t = 0; t < fresh.Pods.Length; t++)
            {
                for (var k = 0; k < fresh.Probes.Length; k++)
                {
                    Assert.True(fresh.VerdictOf(f, t, k) == patched.VerdictOf(f, t, k) && fresh.IsAllowed(f, t, k) == patched.IsAllowed(f, t, k),
                        $"{where}: {fresh.Pods[f]}->{fresh.Pods[t]} {fresh.Probes[k]}: rebuild {fresh.VerdictOf(f, t, k)}, patched {patched.VerdictOf(f, t, k)}");
                }
            }
        }
    }
}
