using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>One /etc/hosts line: an address and its names (canonical name first), as written.</summary>
public sealed record HostsEntry(string Address, ImmutableArray<string> Names);
