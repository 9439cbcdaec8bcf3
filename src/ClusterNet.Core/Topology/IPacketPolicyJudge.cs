using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The seam to the NetworkPolicy engine: the packet walk asks it for the verdict of (source pod, destination pod, port,
/// protocol) after DNAT. Kept as an interface so the walk has no dependency on how policies are evaluated.
/// </summary>
public interface IPacketPolicyJudge
{
    PacketPolicyVerdict Judge(ClusterSnapshot snapshot, PodInfo source, PodInfo destination, int port, string protocol);
}
