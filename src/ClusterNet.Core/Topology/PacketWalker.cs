using System.Collections.Immutable;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Walks one packet through the predicted data path: pod eth0 → host end of the veth → bridge or host routing →
/// (DNAT for a Service) → route lookup → tunnel encapsulation or direct route → NIC → peer NIC → decapsulation →
/// route lookup → veth → pod, with the header stack at every hop and the policy verdict at the end.
/// </summary>
public static class PacketWalker
{
    /// <summary>Walks a parsed <paramref name="request"/> (<see cref="PacketWalkQueryParser"/> validated port and protocol).</summary>
    public static PacketWalkResult Walk(TopologyGraph graph, PacketWalkQuery request, IPacketPolicyJudge? policy = null)
    {
        if (request.From == PacketWalkQuery.External)
        {
            return ExternalWalker.Walk(graph, request, policy);
        }

        var snapshot = graph.Snapshot;
        var protocol = request.Protocol;
        var fail = new PacketWalkResult { From = request.From, To = request.To, Port = request.Port, Protocol = protocol };

        if (!TryFindPod(snapshot, request.From, out var source, out var error))
        {
            return fail with { Error = $"from: {error}" };
        }

        var notes = new List<string>();
        PodInfo destination;
        ServiceInfo? service = null;
        int targetPort = request.Port;
        if (request.To.StartsWith("svc/", StringComparison.Ordinal))
        {
            var key = ObjectKey.Parse(request.To[4..]);
            service = snapshot.Services.Get(key);
            if (service is null || key.Namespace.Length == 0)
            {
                return fail with { Error = $"to: Service {request.To[4..]} not found (expected svc/namespace/name)" };
            }

            var chosen = ServiceResolver.Choose(snapshot, service, request.Port, protocol, request.Endpoint, notes);
            if (chosen.Error is not null)
            {
                return fail with { Error = $"to: {chosen.Error}" };
            }

            destination = chosen.Pod!;
            targetPort = chosen.TargetPort;
        }
        else if (!TryFindPod(snapshot, request.To, out destination, out error))
        {
            return fail with { Error = $"to: {error}" };
        }

        if (source.PodIp is null || destination.PodIp is null)
        {
            var which = source.PodIp is null ? source : destination;
            return fail with { Error = $"pod {which.Namespace}/{which.Name} has no IP yet (phase {which.Phase})" };
        }

        if (source.NodeName is null || !graph.Nodes.ContainsKey(source.NodeName) || destination.NodeName is null || !graph.Nodes.ContainsKey(destination.NodeName))
        {
            var which = source.NodeName is null || !graph.Nodes.ContainsKey(source.NodeName) ? source : destination;
            return fail with { Error = $"pod {which.Namespace}/{which.Name} is not on a node in the snapshot" };
        }

        var walk = new WalkRecorder(graph, source, destination, service, request.Port, targetPort, protocol, notes);
        walk.Run();

        PacketPolicyVerdict? verdict = null;
        if (policy is not null)
        {
            verdict = policy.Judge(snapshot, source, destination, targetPort, protocol);
            var qualifier = ClusterFacts.Of(snapshot).Enforcement.Qualifier;
            verdict = verdict with { Enforced = verdict.Enforced ?? graph.Cni.EnforcesPolicy, Qualifier = qualifier };
            if (graph.Cni.EnforcesPolicy == false && verdict.Verdict != ReachVerdict.Allowed)
            {
                notes.Add($"policy verdict {verdict.Text}, {qualifier}: the packet gets through");
            }
        }
        else
        {
            notes.Add("NetworkPolicy verdict not evaluated (no policy engine given)");
        }

        var ids = walk.Hops.Select(h => h.ElementId).OfType<string>().Distinct(StringComparer.Ordinal).ToImmutableArray();
        return new PacketWalkResult
        {
            From = request.From,
            To = request.To,
            Port = request.Port,
            Protocol = protocol,
            SourceIp = source.HostNetwork ? graph.Nodes[source.NodeName].NodeIp : source.PodIp,
            ServiceIp = service?.ClusterIp,
            Endpoint = service is null ? null : $"{destination.Namespace}/{destination.Name}",
            DestinationIp = destination.HostNetwork ? graph.Nodes[destination.NodeName].NodeIp : destination.PodIp,
            DestinationPort = targetPort,
            SameNode = source.NodeName == destination.NodeName,
            Mode = walk.Mode,
            Hops = [.. walk.Hops],
            PathElementIds = ids,
            PathEdgeIds = EdgesAlong(graph, walk.Hops),
            PathMtu = walk.PathMtu,
            Overhead = walk.Overhead,
            MaxPayload = walk.PathMtu - 20 - (protocol == "UDP" ? 8 : protocol == "SCTP" ? 28 : 20),
            MtuExplanation = walk.MtuExplanation,
            Policy = verdict,
            Notes = [.. notes],
        };
    }

    private static bool TryFindPod(ClusterSnapshot snapshot, string text, out PodInfo pod, out string error)
    {
        var key = ObjectKey.Parse(text.StartsWith("pod/", StringComparison.Ordinal) ? text[4..] : text);
        pod = snapshot.Pods.Get(key)!;
        if (key.Namespace.Length == 0)
        {
            error = $"'{text}' must be namespace/pod";
            return false;
        }

        error = pod is null ? $"pod {key} not found" : "";
        return pod is not null;
    }

    /// <summary>
    /// Edges joining consecutive path elements (either direction, or through one shared neighbour such as the underlay
    /// segment), plus the tunnel edge between the encapsulating and decapsulating devices, so the page can highlight the path.
    /// </summary>
    internal static ImmutableArray<string> EdgesAlong(TopologyGraph graph, IReadOnlyList<PacketHop> hops)
    {
        var onPath = hops.Select(h => h.ElementId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var byPair = new Dictionary<(string, string), string>();
        var neighbours = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in graph.Edges)
        {
            // Only edges touching the path matter: one hop, or two through a shared neighbour.
            if (!onPath.Contains(e.Source) && !onPath.Contains(e.Target))
            {
                continue;
            }

            byPair.TryAdd((e.Source, e.Target), e.Id);
            byPair.TryAdd((e.Target, e.Source), e.Id);
            (neighbours.TryGetValue(e.Source, out var a) ? a : neighbours[e.Source] = []).Add(e.Target);
            (neighbours.TryGetValue(e.Target, out var b) ? b : neighbours[e.Target] = []).Add(e.Source);
        }

        var result = new List<string>();
        void Add(string id)
        {
            if (!result.Contains(id))
            {
                result.Add(id);
            }
        }

        string? previous = null;
        foreach (var id in hops.Select(h => h.ElementId).OfType<string>())
        {
            if (previous is not null && previous != id)
            {
                if (byPair.TryGetValue((previous, id), out var edge))
                {
                    Add(edge);
                }
                else if (neighbours.TryGetValue(previous, out var around))
                {
                    var via = around.FirstOrDefault(c => byPair.ContainsKey((c, id)));
                    if (via is not null)
                    {
                        Add(byPair[(previous, via)]);
                        Add(byPair[(via, id)]);
                    }
                }
            }

            previous = id;
        }

        var encap = hops.FirstOrDefault(h => h.Action == "encapsulate")?.ElementId;
        var decap = hops.FirstOrDefault(h => h.Action == "decapsulate")?.ElementId;
        if (encap is not null && decap is not null && byPair.TryGetValue((encap, decap), out var tunnel))
        {
            Add(tunnel);
        }

        return [.. result];
    }
}
