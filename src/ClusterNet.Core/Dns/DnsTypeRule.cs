using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>One query type's rule: records (Addresses) or an action (NXDOMAIN, NODATA, SERVFAIL, REFUSED, DROP).</summary>
public sealed record DnsTypeRule(ImmutableArray<string> Addresses, DnsReplyKind? Action = null);
