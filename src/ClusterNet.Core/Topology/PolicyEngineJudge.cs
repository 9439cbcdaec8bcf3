using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Answers the packet walk's policy question with the NetworkPolicy engine, through a <see cref="PolicyEngineCache"/>
/// (shared with the policy views when the host passes theirs) so repeated walks on one snapshot compile policies once.
/// </summary>
public sealed class PolicyEngineJudge(PolicyEngineCache? cache = null) : IPacketPolicyJudge
{
    private readonly PolicyEngineCache _cache = cache ?? new PolicyEngineCache();

    public PacketPolicyVerdict Judge(ClusterSnapshot snapshot, PodInfo source, PodInfo destination, int port, string protocol)
    {
        var engine = _cache.Get(snapshot);
        var e = engine.Explain(ReachEndpoint.OfPod(source.Key), ReachEndpoint.OfPod(destination.Key), new ReachProbe(port, protocol));
        return new PacketPolicyVerdict(e.Verdict, e.Summary, e.Caveat);
    }
}
