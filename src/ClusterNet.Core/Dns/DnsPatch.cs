using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// A dnsConfig change for the owning workload: the strategic-merge patch as YAML, the kubectl command that applies it,
/// and the trade-off in plain words with the names checked before and after.
/// </summary>
public sealed record DnsPatch
{
    public required DnsWorkloadRef Target { get; init; }
    public required string Yaml { get; init; }
    /// <summary>null when the target is a bare Pod (dnsConfig cannot change on a running pod).</summary>
    public string? KubectlCommand { get; init; }
    public required string TradeOff { get; init; }
    public ImmutableArray<DnsNameCheck> Checks { get; init; } = [];
    /// <summary>Names that resolve today and would not after the patch.</summary>
    public ImmutableArray<string> StopsWorking { get; init; } = [];
}
