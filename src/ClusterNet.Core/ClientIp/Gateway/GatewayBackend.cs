using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// One backendRef of a route rule attached to a listener: the Service it names (null when absent from the snapshot
/// or not a Service) and whether the reference is allowed (same namespace, or a ReferenceGrant in the target's).
/// </summary>
public sealed record GatewayBackend
{
    public required int RuleIndex { get; init; }
    public string? RuleName { get; init; }
    public required RouteBackendRefInfo Ref { get; init; }
    public required ObjectKey Target { get; init; }
    public ServiceInfo? Service { get; init; }
    public bool Allowed { get; init; } = true;
    /// <summary>Why this backend gets no traffic (missing Service, not a Service, no ReferenceGrant), else null.</summary>
    public string? Problem { get; init; }
}
