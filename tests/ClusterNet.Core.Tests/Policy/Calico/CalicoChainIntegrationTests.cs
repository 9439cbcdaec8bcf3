using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;
using ClusterNet.Core.Policy.Chain;
using static ClusterNet.Core.Tests.Policy.Calico.Cal;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Calico plugged into the policy chain: the engine's matrix and explanations agree with the stand-alone tiered
/// evaluator on random clusters mixing Calico tiers, GlobalNetworkPolicies, NetworkPolicies and Kubernetes
/// NetworkPolicies; the explanation names tier, policy, rule index and action.
/// </summary>
public sealed class CalicoChainIntegrationTests
{
    private static readonly ReachProbe[] Probes = [ReachProbe.Tcp(80), ReachProbe.Tcp(8080), new(53, "UDP"), ReachProbe.Tcp(5432)];

    [Fact]
    public void Explain_GlobalDenyInSecurityTier_ChainNamesTierPolicyRule()
    {
        var snapshot = Snapshot(
            Ns("dev"),
            Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
            Pod("dev", "db", "10.0.1.2", labels: [("app", "db")]),
            Tier("security", 100),
            Gnp("deny-web-to-db", "security", 10, "app == 'db'", ingress: [Log(), Deny(Sel("app == 'web'"))]),
            global::ClusterNet.Core.Tests.Policy.Np.NetPol("dev", "allow-all", ingress: [new NetworkPolicyRuleInfo()]));

        var e = PolicyEngine.Build(snapshot).Explain(P("dev/web"), P("dev/db"), Tcp5432);

        Assert.False(e.Allowed);
        var step = Assert.Single(e.Ingress.Chain);
        Assert.Equal("security", step.Tier);
        Assert.Equal(StageDecision.Deny, step.Decision);
        Assert.Equal("GlobalNetworkPolicy deny-web-to-db", step.Policy);
        Assert.Equal(1, step.RuleIndex);
        Assert.Contains("tier security (order 100): GlobalNetworkPolicy deny-web-to-db order 10 ingress rule 2 `Deny`", step.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_CalicoDefaultTierPolicyAfterKnp_AllowsWhatKubernetesPolicyAlone_WouldDeny()
    {
        // Calico policy without order sorts after knp.default.* (order 1000) in the default tier: it still gets a say.
        var snapshot = Snapshot(
            Ns("dev"),
            Pod("dev", "web", "10.0.1.1", labels: [("app", "web")]),
            Pod("dev", "db", "10.0.1.2", labels: [("app", "db")]),
            global::ClusterNet.Core.Tests.Policy.Np.NetPol("dev", "deny-all", ingress: []),
            Np("dev", "allow-web", selector: "app == 'db'", ingress: [Allow(Sel("app == 'web'"))]));

        var e = PolicyEngine.Build(snapshot).Explain(P("dev/web"), P("dev/db"), Tcp5432);

        Assert.True(e.Allowed);
        Assert.Equal("default", e.Ingress.Chain[0].Tier);
        Assert.Equal("NetworkPolicy dev/allow-web", e.Ingress.Chain[0].Policy);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void ComputeMatrix_RandomCalicoCluster_SameAsTieredEvaluator(int seed)
    {
        var snapshot = RandomCalico(seed);
        var engine = PolicyEngine.Build(snapshot);
        var calico = CalicoTieredEvaluator.Build(snapshot);
        var matrix = engine.ComputeMatrix(Probes);
        var pods = engine.Pods;
        var denied = 0;
        for (var f = 0; f < pods.Length; f++)
        {
            for (var t = 0; t < pods.Length; t++)
            {
                for (var p = 0; p < Probes.Length; p++)
                {
                    var expected = calico.Evaluate(ReachEndpoint.OfPod(pods[f]), ReachEndpoint.OfPod(pods[t]), Probes[p]);
                    var cell = matrix.IsAllowed(f, t, p);
                    var explained = engine.Explain(ReachEndpoint.OfPod(pods[f]), ReachEndpoint.OfPod(pods[t]), Probes[p]).Allowed;
                    var naive = engine.IsAllowedNaive(pods[f], pods[t], Probes[p]);
                    Assert.True(expected.Allowed == cell && cell == explained && cell == naive,
                        $"{pods[f]} -> {pods[t]} {Probes[p]}: evaluator {expected.Allowed} ({expected.Summary}), matrix {cell}, explain {explained}, naive {naive}");
                    denied += expected.Allowed ? 0 : 1;
                }
            }
        }

        Assert.InRange(denied, 1, (pods.Length * pods.Length * Probes.Length) - 1);
    }

    private static readonly ReachProbe Tcp5432 = ReachProbe.Tcp(5432);

    private static ClusterSnapshot RandomCalico(int seed)
    {
        var rnd = new Random(seed);
        string[] apps = ["web", "api", "db"];
        string[] selectors = ["app == 'web'", "app == 'db'", "app in {'api', 'db'}", "has(tier)", "!has(tier)", "all()", "app != 'web' && has(tier)", ""];
        var objects = new List<IClusterObject> { Tier("security", 100), Tier("platform", 500, CalicoRuleAction.Pass) };
        for (var n = 0; n < 3; n++)
        {
            objects.Add(Ns($"ns{n}", ("env", n == 0 ? "prod" : "dev")));
            for (var i = 0; i < 5; i++)
            {
                var labels = new List<(string, string)> { ("app", apps[rnd.Next(apps.Length)]) };
                if (rnd.Next(2) == 0)
                {
                    labels.Add(("tier", "front"));
                }

                objects.Add(Pod($"ns{n}", $"p{i}", $"10.{n}.0.{i + 2}", ports: [("http", rnd.Next(2) == 0 ? 80 : 8080, "TCP")], labels: [.. labels]));
            }
        }

        CalicoRuleInfo RandomRule()
        {
            var action = (CalicoRuleAction)rnd.Next(4);
            var peer = rnd.Next(5) switch
            {
                0 => CalicoEntityRuleInfo.Any,
                1 => Sel(selectors[rnd.Next(selectors.Length)]),
                2 => new CalicoEntityRuleInfo { NamespaceSelector = "env == 'dev'" },
                3 => new CalicoEntityRuleInfo { Nets = ["10.1.0.0/16"] },
                _ => new CalicoEntityRuleInfo { NotSelector = "app == 'api'" },
            };
            var ports = rnd.Next(3) switch
            {
                0 => CalicoEntityRuleInfo.Any,
                1 => Ports(80, "5000:6000"),
                _ => Ports("http"),
            };
            return ports == CalicoEntityRuleInfo.Any
                ? Rule(action, source: peer)
                : Rule(action, source: peer, destination: ports, protocol: "TCP");
        }

        string[] tiers = ["security", "platform", "default"];
        for (var i = 0; i < 9; i++)
        {
            var tier = tiers[rnd.Next(tiers.Length)];
            double? order = rnd.Next(4) == 0 ? null : rnd.Next(3) * 500;
            var ingress = Enumerable.Range(0, rnd.Next(3)).Select(_ => RandomRule()).ToArray();
            var egress = Enumerable.Range(0, rnd.Next(2)).Select(_ => RandomRule()).ToArray();
            objects.Add(rnd.Next(2) == 0
                ? Gnp($"g{i}", tier, order, selectors[rnd.Next(selectors.Length)], ingress, egress)
                : Np($"ns{rnd.Next(3)}", $"n{i}", tier, order, selectors[rnd.Next(selectors.Length)], ingress, egress));
        }

        for (var i = 0; i < 3; i++)
        {
            objects.Add(global::ClusterNet.Core.Tests.Policy.Np.NetPol($"ns{rnd.Next(3)}", $"k{i}", global::ClusterNet.Core.Tests.Policy.Np.Sel(("app", apps[rnd.Next(apps.Length)])),
                ingress: [global::ClusterNet.Core.Tests.Policy.Np.Rule([global::ClusterNet.Core.Tests.Policy.Np.Pods(global::ClusterNet.Core.Tests.Policy.Np.Sel(("app", "web")))], [global::ClusterNet.Core.Tests.Policy.Np.Port(80)])]));
        }

        return Snapshot([.. objects]);
    }
}
