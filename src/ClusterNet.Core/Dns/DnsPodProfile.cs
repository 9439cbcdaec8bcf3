using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>Everything the DNS page shows for one pod: its resolv.conf, the C library of each container, its owner.</summary>
public sealed record DnsPodProfile
{
    public required PodInfo Pod { get; init; }
    public required EffectiveResolvConf ResolvConf { get; init; }
    public required DnsWorkloadRef Owner { get; init; }
    public ImmutableArray<(string Container, LibcGuess Libc)> Containers { get; init; } = [];

    /// <summary>musl when any app container is musl (it is the one that suffers), else glibc.</summary>
    public LibcGuess PrimaryLibc => Containers.Select(c => c.Libc).FirstOrDefault(l => l.Libc == LibcKind.Musl)
        ?? Containers.Select(c => c.Libc).FirstOrDefault()
        ?? new LibcGuess("", LibcKind.Glibc, LibcConfidence.Low, "no containers");

    public static DnsPodProfile For(PodInfo pod, ClusterSnapshot snapshot, ClusterDnsInfo cluster, DnsClusterSettings settings, DnsAnalysisOptions? options = null)
    {
        var overrides = options?.LibcOverrides;
        return new DnsPodProfile
        {
            Pod = pod,
            ResolvConf = EffectiveResolvConfBuilder.Build(pod, cluster, settings),
            Owner = DnsOwnerResolver.Resolve(pod, snapshot),
            Containers = [.. pod.Containers.Where(c => !c.IsInit).Select(c => (c.Name, LibcDetector.Detect(c.Image, overrides)))],
        };
    }
}
