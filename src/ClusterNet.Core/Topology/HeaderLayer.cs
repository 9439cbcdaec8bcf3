using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// One header of the packet as it is at a hop, outermost first in <see cref="PacketHop.Headers"/>. <see cref="Bytes"/> is
/// the header's size on the wire (so the stack shows the overhead). <see cref="Outer"/> marks encapsulation headers.
/// </summary>
public sealed record HeaderLayer(string Name, int Bytes, ImmutableArray<HeaderField> Fields, bool Outer = false)
{
    public string? this[string field] => Fields.FirstOrDefault(f => f.Name == field)?.Value;
}
