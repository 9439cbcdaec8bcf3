using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The JSON shapes of the topology (CLI <c>--format json</c>, <c>GET /api/topology</c>, routes, deltas): one mapping
/// so every consumer sees the same document. camelCase, nulls omitted.
/// </summary>
public static class TopologyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    public static TopologyDocument ToDocument(TopologyGraph g) => new()
    {
        Version = g.Version,
        Source = new SourceDocument(g.Source.Type, g.Source.Name),
        Cni = g.Cni,
        Flannel = g.Flannel is { } f
            ? new FlannelDocument(f.BackendType, f.DirectRouting, f.Vni, f.Port, f.Source, f.ConfigMap, f.NetConf is { } nc
                ? new NetConfDocument(nc.IsValid, nc.Config?.Network.ToString(), nc.Config?.SubnetLen, nc.Config?.SubnetMinText, nc.Config?.SubnetMaxText,
                    nc.Config?.Defaulted ?? [], nc.Errors)
                : null)
            : null,
        Calico = g.Calico is { } c
            ? new CalicoDocument([.. c.Pools.Select(p => new IpPoolDocument(p.Name, p.Cidr, p.IpipMode, p.VxlanMode, p.NatOutgoing, p.Disabled))], c.NodeToNodeMesh, c.BlockSize,
                CalicoPoolSources.Word(c.PoolSource), c.Backend, c.Mtu, c.Notes)
            : null,
        KubeProxy = new KubeProxyDocument(g.KubeProxyMode, g.KubeProxyModeSource),
        NodeSubnets = g.NodeSubnets,
        PodMtu = g.PodMtu,
        Elements = g.Elements,
        Edges = g.Edges,
        Warnings = [.. g.Warnings.Select(TopologyFindings.ToWire)],
    };

    public static RoutesDocument ToDocument(NodeRouteTable t) => new(
        t.Node,
        [.. t.Routes.Select(r => new RouteDocument(r.ToString(), r.Destination, r.Type, r.Via, r.Dev, r.Proto, r.Scope, r.Src, r.Onlink ? true : null, r.Peer, r.Note))],
        [.. t.Links.Select(l => new LinkDocument(l.ToString(), l.Index, l.Name, l.Mtu, l.Master, l.State, l.Address, l.ElementId, l.Note))],
        t.Notes);

    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? Indented : Options);

    public sealed record TopologyDocument
    {
        public long Version { get; init; }
        public required SourceDocument Source { get; init; }
        public required CniDetection Cni { get; init; }
        public FlannelDocument? Flannel { get; init; }
        public CalicoDocument? Calico { get; init; }
        public required KubeProxyDocument KubeProxy { get; init; }
        public required NodeSubnetInfo NodeSubnets { get; init; }
        public int PodMtu { get; init; }
        public ImmutableArray<TopologyElement> Elements { get; init; } = [];
        public ImmutableArray<TopologyEdge> Edges { get; init; } = [];
        public ImmutableArray<TopologyWarning> Warnings { get; init; } = [];
    }

    public sealed record SourceDocument(string Type, string Name);

    public sealed record FlannelDocument(string Backend, bool DirectRouting, int Vni, int Port, string Source, string? ConfigMap, NetConfDocument? NetConf);

    public sealed record NetConfDocument(bool Valid, string? Network, int? SubnetLen, string? SubnetMin, string? SubnetMax, ImmutableArray<string> Defaulted, ImmutableArray<ConfigError> Errors);

    /// <summary>Calico's settings; <c>poolSource</c> (ippool, installation, calico-node-env, documented-default), <c>backend</c>, <c>mtu</c> and <c>notes</c> say where they came from.</summary>
    public sealed record CalicoDocument(
        ImmutableArray<IpPoolDocument> Pools, bool NodeToNodeMesh, int BlockSize, string? PoolSource = null, string? Backend = null, int? Mtu = null, ImmutableArray<string> Notes = default);

    public sealed record IpPoolDocument(string Name, string Cidr, string IpipMode, string VxlanMode, bool NatOutgoing, bool Disabled);

    public sealed record KubeProxyDocument(string Mode, string Source);

    public sealed record RoutesDocument(string Node, ImmutableArray<RouteDocument> Routes, ImmutableArray<LinkDocument> Links, ImmutableArray<string> Notes);

    public sealed record RouteDocument(string Text, string Destination, string? Type, string? Via, string? Dev, string? Proto, string? Scope, string? Src, bool? Onlink, string? Peer, string? Note);

    public sealed record LinkDocument(string Text, int Index, string Name, int Mtu, string? Master, string State, string? Address, string? ElementId, string? Note);
}
