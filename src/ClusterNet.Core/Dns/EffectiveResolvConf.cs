using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>The resolv.conf kubelet writes into a pod, with how it was derived and anything kubelet drops or the API rejects.</summary>
public sealed record EffectiveResolvConf
{
    public required ResolvConf Conf { get; init; }
    /// <summary>The policy that applied (ClusterFirst, Default, None...), after hostNetwork's effect.</summary>
    public required string EffectivePolicy { get; init; }
    /// <summary>One sentence: where the nameserver and search list come from.</summary>
    public required string Explanation { get; init; }
    /// <summary>True when part of the file is the node's own resolv.conf, which manifests don't show.</summary>
    public bool DependsOnNode { get; init; }
    public ImmutableArray<string> Notes { get; init; } = [];
    /// <summary>dnsConfig values the API server rejects (the pod would not be created as written).</summary>
    public ImmutableArray<string> ApiErrors { get; init; } = [];
}
