namespace ClusterNet.Core.Dns;

/// <summary>How one name fares before and after a patch: packets sent and whether it still resolves.</summary>
internal sealed record DnsNameCheck(string Name, int PacketsBefore, bool ResolvesBefore, int PacketsAfter, bool ResolvesAfter);
