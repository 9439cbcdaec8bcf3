using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

public sealed record IpBlockInfo(string Cidr, ImmutableArray<string> Except);
