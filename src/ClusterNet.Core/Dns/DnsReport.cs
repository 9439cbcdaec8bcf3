using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>Cluster-wide DNS findings, most impactful first, with what was detected about the cluster's DNS.</summary>
public sealed record DnsReport
{
    public required ClusterDnsInfo Cluster { get; init; }
    public ImmutableArray<DnsFinding> Findings { get; init; } = [];
    public int PodsAnalysed { get; init; }

    /// <summary>The verdict in one sentence for the page header.</summary>
    public string Verdict => Findings.IsEmpty
        ? $"No DNS problems found in {PodsAnalysed} pods."
        : $"{Findings.Count(f => f.Severity == DnsSeverity.Critical)} critical and {Findings.Count(f => f.Severity == DnsSeverity.Warning)} warning DNS findings in {PodsAnalysed} pods; worst: {Findings[0].Title}";
}
