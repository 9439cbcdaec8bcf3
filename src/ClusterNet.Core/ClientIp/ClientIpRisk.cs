using System.Collections.Immutable;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// A risk as the analyzers raise it, before it becomes a <see cref="Finding"/> about the report's subject
/// (<see cref="ClientIpFindings.From"/>). Severity on the one scale: the old high/medium/low/info are Error/Warning/Notice/Info.
/// </summary>
internal sealed record ClientIpRisk(string Id, Severity Severity, string Title, string Detail, ImmutableArray<string> Evidence);
