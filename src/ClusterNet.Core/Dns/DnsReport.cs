using System.Collections.Immutable;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Cluster-wide DNS findings with what was detected about the cluster's DNS. <see cref="Findings"/> are in the order the
/// CLI and REST have always listed them (impact, then subject and code); pages sort with <see cref="FindingOrder"/>.
/// </summary>
public sealed record DnsReport
{
    public required ClusterDnsInfo Cluster { get; init; }
    public ImmutableArray<Finding> Findings { get; init; } = [];
    public int PodsAnalysed { get; init; }

    /// <summary>The verdict in one sentence for the page header.</summary>
    public string Verdict => Findings.IsEmpty
        ? $"No DNS problems found in {PodsAnalysed} pods."
        : $"{Findings.Count(f => f.Severity == Severity.Critical)} critical and {Findings.Count(f => f.Severity == Severity.Warning)} warning DNS findings in {PodsAnalysed} pods; worst: {Findings[0].Message}";

    public bool HasCritical => Findings.Any(f => f.Severity == Severity.Critical);
}
