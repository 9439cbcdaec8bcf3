namespace ClusterNet.Kubernetes.Access;

/// <summary>What one user may see: namespaces where they may list pods, and whether they may list nodes (cluster-scoped views).</summary>
public sealed record UserScope(IReadOnlySet<string> Namespaces, bool ClusterScoped, DateTimeOffset DecidedAt);
