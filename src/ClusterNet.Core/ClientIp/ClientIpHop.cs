using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// One box of the path drawing. <see cref="SeesSource"/> is the source address this hop sees on the traffic it
/// receives; <see cref="Snat"/> says this hop replaces the source before passing traffic on (why in
/// <see cref="SnatReason"/>); <see cref="AddsHeaders"/> lists headers it writes (e.g. "X-Forwarded-For: client").
/// </summary>
public sealed record ClientIpHop
{
    public required string Id { get; init; }
    public required ClientIpHopKind Kind { get; init; }
    public required string Label { get; init; }
    public string? Address { get; init; }
    public string? Detail { get; init; }
    public string? SeesSource { get; init; }
    public bool Snat { get; init; }
    public string? SnatReason { get; init; }
    public ImmutableArray<string> AddsHeaders { get; init; } = [];
    /// <summary>Taken only by some requests (the second node under externalTrafficPolicy Cluster).</summary>
    public bool Conditional { get; init; }
    /// <summary>Issue 17.3: the NetworkPolicy verdict of this hop's in-cluster connection (null where none was asked).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ClientIpHopPolicy? Policy { get; init; }
}
