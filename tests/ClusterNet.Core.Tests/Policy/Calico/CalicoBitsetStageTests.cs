using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Calico;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// The bitset Calico stages (matrix and one-pod overlay) give what Calico's rule-by-rule evaluator, the explainer and the
/// naive evaluator (its own tier walk) give, on random clusters using the whole rule language (<see cref="CalicoRandom"/>).
/// </summary>
public sealed class CalicoBitsetStageTests
{
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(34)]
    [InlineData(35)]
    [InlineData(36)]
    public void MatrixAndOverlay_RandomCalicoCluster_SameAsRuleByRuleEvaluation(int seed)
    {
        var snapshot = CalicoRandom.Build(seed);
        Assert.NotEmpty(snapshot.ServiceAccounts);
        Assert.NotEmpty(snapshot.CalicoGlobalNetworkSets);
        var engine = PolicyEngine.Build(snapshot);
        var calico = CalicoTieredEvaluator.Build(snapshot);
        var probes = CalicoRandom.Probes;
        var matrix = engine.ComputeMatrix(probes);
        var pods = engine.Pods;
        var denied = 0;
        for (var p = 0; p < probes.Length; p++)
        {
            for (var f = 0; f < pods.Length; f++)
            {
                var from = engine.ReachabilityFrom(pods[f], probes[p]);
                for (var t = 0; t < pods.Length; t++)
                {
                    var expected = calico.Evaluate(ReachEndpoint.OfPod(pods[f]), ReachEndpoint.OfPod(pods[t]), probes[p]);
                    var explained = engine.Explain(ReachEndpoint.OfPod(pods[f]), ReachEndpoint.OfPod(pods[t]), probes[p]);
                    var to = engine.ReachabilityTo(pods[t], probes[p]);
                    var where = $"{pods[f]} -> {pods[t]} {probes[p]}: evaluator {expected.Allowed} ({expected.Summary})";
                    Assert.True(expected.Allowed == matrix.IsAllowed(f, t, p), $"{where}; matrix {matrix.IsAllowed(f, t, p)}");
                    Assert.True(engine.IsAllowedNaive(pods[f], pods[t], probes[p]) == matrix.IsAllowed(f, t, p), $"{where}; naive evaluator disagrees with the matrix");
                    Assert.True(expected.Allowed == explained.Allowed, $"{where}; explain {explained.Allowed}");
                    Assert.True(expected.Allowed == from.Peers[t].Allowed, $"{where}; overlay from {from.Peers[t].Allowed}");
                    Assert.True(expected.Allowed == to.Peers[f].Allowed, $"{where}; overlay to {to.Peers[f].Allowed}");
                    Assert.True(explained.Verdict == matrix.VerdictOf(f, t, p), $"{where}; explain verdict {explained.Verdict}, matrix {matrix.VerdictOf(f, t, p)}");
                    denied += expected.Allowed ? 0 : 1;
                }
            }
        }

        Assert.InRange(denied, 1, (pods.Length * pods.Length * probes.Length) - 1);
    }
}
