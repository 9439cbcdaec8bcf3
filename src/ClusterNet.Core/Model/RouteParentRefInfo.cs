namespace ClusterNet.Core.Model;

/// <summary>
/// A route's parentRefs entry. Group and Kind carry the API's defaults when not written (gateway.networking.k8s.io,
/// Gateway); Namespace is null when not written (the route's own namespace).
/// </summary>
public sealed record RouteParentRefInfo(string Group, string Kind, string? Namespace, string Name, string? SectionName = null, int? Port = null);
