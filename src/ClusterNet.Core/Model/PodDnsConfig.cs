using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>pod.spec.dnsConfig.</summary>
public sealed record PodDnsConfig
{
    public ImmutableArray<string> Nameservers { get; init; } = [];
    public ImmutableArray<string> Searches { get; init; } = [];
    public ImmutableArray<DnsOption> Options { get; init; } = [];
}
