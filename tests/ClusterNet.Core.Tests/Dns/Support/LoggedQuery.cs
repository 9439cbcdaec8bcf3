namespace ClusterNet.Core.Tests.Dns.Support;

/// <summary>A query the loopback responder received. Server is the logical address from the answers table.</summary>
public sealed record LoggedQuery(long Sequence, double AtSeconds, string Server, string Transport, string Qname, string Qtype);
