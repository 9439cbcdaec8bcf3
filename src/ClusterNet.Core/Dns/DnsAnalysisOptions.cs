using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>User choices for the analysis: libc per image when the guess is wrong, the ndots value patches propose.</summary>
public sealed record DnsAnalysisOptions
{
    public static DnsAnalysisOptions Default { get; } = new();

    public ImmutableDictionary<string, LibcKind> LibcOverrides { get; init; } = ImmutableDictionary<string, LibcKind>.Empty;
    public int PatchNdots { get; init; } = 2;
    /// <summary>An external name costing more packets than this under the pod's search list is reported.</summary>
    public int ExternalPacketThreshold { get; init; } = 4;
}
