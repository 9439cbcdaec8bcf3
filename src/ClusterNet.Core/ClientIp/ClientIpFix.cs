using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// A fix: a patch for one object (<see cref="Language"/> yaml; or csharp/nginx for app-side config), the kubectl
/// command that applies it when there is one, its trade-offs, and which risks it addresses.
/// </summary>
public sealed record ClientIpFix
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Target { get; init; }
    public string Language { get; init; } = "yaml";
    public required string Patch { get; init; }
    public string? Command { get; init; }
    public ImmutableArray<string> TradeOffs { get; init; } = [];
    public ImmutableArray<string> Resolves { get; init; } = [];
}
