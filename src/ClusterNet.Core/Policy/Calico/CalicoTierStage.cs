using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One Calico tier as a stage of the policy chain. A tier that applies to the pod decides every peer: a matching
/// Allow/Deny rule, Pass (rule or the tier's defaultAction), or the deny at the end of the tier. Ports are Calico's own
/// (ranges, notPorts, named ports), so each probe is its own port class.
/// </summary>
internal sealed class CalicoTierStage(CalicoTieredEvaluator evaluator, CalicoTier tier, double order, PolicyIndex index) : IPolicyStage
{
    public string Tier => tier.Name;

    public double Order => order;

    public IEnumerable<CompiledRule> PortRules => [];

    public string? ClassKey(ReachProbe probe) => "calico:" + probe;

    public bool Selects(int pod, bool ingress) =>
        !index.HostNetwork[pod] && evaluator.EndpointOf(index.PodKeys[pod]) is { } e && !evaluator.ApplyingIn(tier, e, ingress).IsEmpty;

    public StagePeers Peers(StageContext context, int pod, bool ingress)
    {
        var n = index.PodCount;
        var allow = new PodSet(n);
        var deny = new PodSet(n);
        var pass = new PodSet(n);
        for (var peer = 0; peer < n; peer++)
        {
            switch (Decide(context, pod, ingress, peer).Decision)
            {
                case StageDecision.Allow:
                    allow.Add(peer);
                    break;
                case StageDecision.Deny:
                    deny.Add(peer);
                    break;
                case StageDecision.Pass:
                    pass.Add(peer);
                    break;
            }
        }

        return new StagePeers(allow, deny, pass, null);
    }

    public StageVerdict Decide(StageContext context, int pod, bool ingress, int peer)
    {
        var at = evaluator.EndpointOf(index.PodKeys[pod]);
        var other = evaluator.EndpointOf(index.PodKeys[peer]);
        if (at is null || other is null || pod == peer)
        {
            return StageVerdict.NoMatch;
        }

        var policies = evaluator.ApplyingIn(tier, at, ingress);
        if (policies.IsEmpty)
        {
            return StageVerdict.NoMatch;
        }

        var (src, dst) = ingress ? (other, at) : (at, other);
        var r = CalicoTieredEvaluator.EvaluateTier(tier, policies, at, src, dst, context.Probe, ingress, null, null);
        return new StageVerdict(ToDecision(r.Outcome), false);
    }

    public ChainStep? Explain(int pod, bool ingress, int peer, IPAddress? peerIp, int destination, ReachProbe probe)
    {
        var at = evaluator.EndpointOf(index.PodKeys[pod]);
        if (at is null || index.HostNetwork[pod])
        {
            return null;
        }

        var policies = evaluator.ApplyingIn(tier, at, ingress);
        if (policies.IsEmpty)
        {
            return null;
        }

        var other = peer >= 0 ? evaluator.EndpointOf(index.PodKeys[peer]) : peerIp is null ? null : CalicoEndpoint.External(peerIp.ToString());
        if (other is null)
        {
            return null;
        }

        var (src, dst) = ingress ? (other, at) : (at, other);
        var steps = ImmutableArray.CreateBuilder<CalicoStep>();
        var caveats = new List<string>();
        var r = CalicoTieredEvaluator.EvaluateTier(tier, policies, at, src, dst, probe, ingress, steps, caveats);
        var distinct = caveats.Distinct(StringComparer.Ordinal).ToList();
        return new ChainStep
        {
            Tier = tier.Name,
            Decision = ToDecision(r.Outcome),
            Policy = r.Policy?.Display,
            RuleIndex = r.Rule?.Index,
            Text = "Calico " + r.Text,
            Reasons = [.. steps.Select(s => s.Text)],
            Note = distinct.Count == 0 ? null : string.Join("; ", distinct),
        };
    }

    private static StageDecision ToDecision(CalicoOutcome? outcome) => outcome switch
    {
        CalicoOutcome.RuleAllow => StageDecision.Allow,
        CalicoOutcome.RuleDeny or CalicoOutcome.EndOfTierDeny => StageDecision.Deny,
        _ => StageDecision.Pass,
    };
}
