using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Answers the packet walk's policy question with the NetworkPolicy engine. Keeps the engine of the last snapshot it saw,
/// so repeated walks on one snapshot compile the policies once.
/// </summary>
public sealed class PolicyEngineJudge : IPacketPolicyJudge
{
    private readonly Lock _gate = new();
    private (ClusterSnapshot Snapshot, PolicyEngine Engine)? _last;

    public PacketPolicyVerdict Judge(ClusterSnapshot snapshot, PodInfo source, PodInfo destination, int port, string protocol)
    {
        PolicyEngine engine;
        lock (_gate)
        {
            if (_last is { } l && ReferenceEquals(l.Snapshot, snapshot))
            {
                engine = l.Engine;
            }
            else
            {
                engine = PolicyEngine.Build(snapshot);
                _last = (snapshot, engine);
            }
        }

        var e = engine.Explain(ReachEndpoint.OfPod(source.Key), ReachEndpoint.OfPod(destination.Key), new ReachProbe(port, protocol));
        var verdict = e.Verdict switch
        {
            ReachVerdict.Allowed => "allowed",
            ReachVerdict.Denied => "denied",
            _ => "depends",
        };
        return new PacketPolicyVerdict(verdict, e.Summary, e.Caveat);
    }
}
