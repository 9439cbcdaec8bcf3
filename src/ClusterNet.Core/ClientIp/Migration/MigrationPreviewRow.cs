using System.Collections.Immutable;
using ClusterNet.Core.ClientIp.Gateway;

namespace ClusterNet.Core.ClientIp.Migration;

/// <summary>
/// One Gateway API implementation with its defaults, given the same load balancer and Service policy as today: what
/// the gateway takes for the client, what the backend receives, whether that matches today, and the settings that keep
/// today's behaviour. <see cref="Assumptions"/> are the implementation's defaults as read or assumed (with origin).
/// </summary>
public sealed record MigrationPreviewRow
{
    public required GatewayImplementation Implementation { get; init; }
    public required string Name { get; init; }
    public required ClientIpOutcome Outcome { get; init; }
    public required string Verdict { get; init; }
    public string? GatewayClientIp { get; init; }
    public bool Forgeable { get; init; }
    public required string BackendSocket { get; init; }
    public string? BackendXForwardedFor { get; init; }
    public string? BackendXRealIp { get; init; }
    /// <summary>Same outcome and same forgeability as today.</summary>
    public required bool SameAsToday { get; init; }
    public ImmutableArray<MigrationKeepSetting> KeepToday { get; init; } = [];
    public ImmutableArray<ClientIpEvidence> Assumptions { get; init; } = [];
    public ImmutableArray<string> Steps { get; init; } = [];
}
