namespace ClusterNet.Core.Model;

/// <summary>
/// A route rule's backendRefs entry. Group "" and Kind "Service" are the API's defaults; Namespace is null when not
/// written (the route's namespace; another namespace needs a ReferenceGrant there). Weight null means 1.
/// </summary>
public sealed record RouteBackendRefInfo(string Group, string Kind, string? Namespace, string Name, int? Port = null, int? Weight = null);
