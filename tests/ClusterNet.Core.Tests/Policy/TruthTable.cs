using System.Text;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>Upstream's Reachability: a default-true table of pod pairs with Expect* overrides, compared cell by cell.</summary>
internal sealed class TruthTable(string[] pods)
{
    private readonly Dictionary<(string From, string To), bool> _expected = pods.SelectMany(f => pods.Select(t => (f, t))).ToDictionary(k => k, _ => true);

    /// <summary>null namespace or pod = any (like upstream's empty Peer).</summary>
    public TruthTable ExpectPeer(string? fromNs, string? fromPod, string? toNs, string? toPod, bool allowed)
    {
        foreach (var key in _expected.Keys.ToList())
        {
            if (Match(key.From, fromNs, fromPod) && Match(key.To, toNs, toPod))
            {
                _expected[key] = allowed;
            }
        }

        return this;
    }

    public TruthTable Expect(string from, string to, bool allowed)
    {
        _expected[(from, to)] = allowed;
        return this;
    }

    public TruthTable ExpectAllIngress(string to, bool allowed) => ExpectPeer(null, null, to.Split('/')[0], to.Split('/')[1], allowed);

    public TruthTable ExpectAllEgress(string from, bool allowed) => ExpectPeer(from.Split('/')[0], from.Split('/')[1], null, null, allowed);

    /// <summary>
    /// Checks the matrix, the one-pod queries, the explainer and the naive evaluator against the table. Loopback is
    /// ignored as upstream does (ignoreLoopback), but must always be allowed here.
    /// </summary>
    public void Verify(Core.Model.ClusterSnapshot snapshot, ReachProbe probe)
    {
        var engine = PolicyEngine.Build(snapshot);
        var matrix = engine.ComputeMatrix([probe]);
        var wrong = new StringBuilder();
        foreach (var from in pods)
        {
            var fi = engine.IndexOf(Core.Model.ObjectKey.Parse(from));
            var outbound = engine.ReachabilityFrom(Core.Model.ObjectKey.Parse(from), probe);
            foreach (var to in pods)
            {
                var ti = engine.IndexOf(Core.Model.ObjectKey.Parse(to));
                var explained = engine.Explain(ReachEndpoint.OfPod(Core.Model.ObjectKey.Parse(from)), ReachEndpoint.OfPod(Core.Model.ObjectKey.Parse(to)), probe);
                var naive = engine.ExplainNaive(ReachEndpoint.OfPod(Core.Model.ObjectKey.Parse(from)), ReachEndpoint.OfPod(Core.Model.ObjectKey.Parse(to)), probe);
                // The independent baseline: its own loops over policies and tiers (the explainer's naive mode shares the chain walk).
                var independent = engine.IsAllowedNaive(Core.Model.ObjectKey.Parse(from), Core.Model.ObjectKey.Parse(to), probe);
                var got = matrix.IsAllowed(fi, ti, 0);
                var expected = from == to || _expected[(from, to)];
                var oneRow = outbound.Peers[ti].Allowed;
                if (got != expected || explained.Allowed != expected || naive.Allowed != expected || independent != expected || oneRow != expected
                    || matrix.VerdictOf(fi, ti, 0) != explained.Verdict || outbound.Peers[ti].Verdict != explained.Verdict)
                {
                    wrong.AppendLine($"{from} -> {to} {probe}: expected {expected}, matrix {got}, explain {explained.Allowed} ({explained.Verdict}), naive {naive.Allowed}, independent {independent}, row {oneRow}: {explained.Summary}");
                }
            }
        }

        Assert.True(wrong.Length == 0, wrong.ToString());
    }

    private static bool Match(string pod, string? ns, string? name)
    {
        var parts = pod.Split('/');
        return (ns is null || parts[0] == ns) && (name is null || parts[1] == name);
    }
}
