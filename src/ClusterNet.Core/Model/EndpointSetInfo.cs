using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// One EndpointSlice (discovery.k8s.io) or one core/v1 Endpoints object. A Service may own several slices;
/// analyzers group by <see cref="ServiceName"/>.
/// </summary>
public sealed record EndpointSetInfo : IClusterObject
{
    public required string Namespace { get; init; }
    /// <summary>Object name (slice name, or the Endpoints name which equals the Service name).</summary>
    public required string Name { get; init; }
    public required string ServiceName { get; init; }
    /// <summary>"EndpointSlice" or "Endpoints": which API the data came from.</summary>
    public string SourceKind { get; init; } = "EndpointSlice";
    public string AddressType { get; init; } = "IPv4";
    public ImmutableArray<EndpointAddressInfo> Addresses { get; init; } = [];
    public ImmutableArray<EndpointPortInfo> Ports { get; init; } = [];

    public ObjectKey Key => new(Namespace, Name);
}
