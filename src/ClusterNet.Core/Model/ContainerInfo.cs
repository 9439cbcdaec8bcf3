using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ClusterNet.Core.Model;

public sealed record ContainerInfo
{
    public required string Name { get; init; }
    public string Image { get; init; } = "";
    public ImmutableArray<ContainerPortInfo> Ports { get; init; } = [];
    /// <summary>command + args joined, kept for anti-pattern findings (e.g. sed on /etc/resolv.conf).</summary>
    public ImmutableArray<string> Command { get; init; } = [];
    /// <summary>postStart/preStop exec commands, for the same findings.</summary>
    public ImmutableArray<string> LifecycleCommands { get; init; } = [];
    public bool IsInit { get; init; }
    /// <summary>The network settings among the container's env (<see cref="NetworkEnvNames"/>); not part of the REST shape.</summary>
    [JsonIgnore]
    public ImmutableArray<EnvVarInfo> Env { get; init; } = [];
}
