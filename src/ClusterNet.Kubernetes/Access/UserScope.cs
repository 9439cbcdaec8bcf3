namespace ClusterNet.Kubernetes.Access;

/// <summary>
/// What one user may see: namespaces where they may list pods, and whether they may list nodes (cluster-scoped views).
/// <see cref="AllNamespaces"/>: they may list pods cluster-wide, so every namespace (also ones created later) is theirs.
/// <see cref="DecidedAt"/> is the age of the oldest answer it was built from.
/// </summary>
public sealed record UserScope(IReadOnlySet<string> Namespaces, bool ClusterScoped, DateTimeOffset DecidedAt, bool AllNamespaces = false)
{
    public bool Allows(string @namespace) => AllNamespaces || Namespaces.Contains(@namespace);
}
