namespace ClusterNet.Core.Model;

/// <summary>
/// A port match of a cluster policy rule: a number (<see cref="Port"/>), a range (<see cref="Port"/>..<see cref="EndPort"/>),
/// a protocol with every port (neither set), or a named container port (<see cref="NamedPort"/>; v0.2.0's
/// destinationNamedPort and v1alpha1's namedPort carry no protocol, so <see cref="Protocol"/> is null for them).
/// </summary>
public sealed record ClusterPolicyPortInfo
{
    /// <summary>"TCP", "UDP" or "SCTP"; null for a named port (any protocol).</summary>
    public string? Protocol { get; init; }
    public int? Port { get; init; }
    public int? EndPort { get; init; }
    public string? NamedPort { get; init; }
}
