using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Which CNI plugin runs, and the signals that decided it (shown to the user, because a guess without reasons
/// cannot be checked). <see cref="EnforcesPolicy"/> is null when unknown.
/// </summary>
public sealed record CniDetection(string Name, ImmutableArray<string> Signals, bool? EnforcesPolicy, string? PolicyEnforcer)
{
    public bool UsesFlannelDataPath => Name is CniName.Flannel or CniName.Canal;
}
