using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>A risk with the facts that show it. Severity: high, medium, low or info.</summary>
public sealed record ClientIpRisk(string Id, string Severity, string Title, string Detail, ImmutableArray<string> Evidence);
