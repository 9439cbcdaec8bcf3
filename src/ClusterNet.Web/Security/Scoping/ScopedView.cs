using ClusterNet.Kubernetes.Access;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>A user's scope with a key naming exactly what it allows (same key, same cut snapshot).</summary>
public sealed record ScopedView(UserScope Scope, string Key)
{
    /// <summary>Sees nothing: not signed in, or no usable identity.</summary>
    public static ScopedView Nothing { get; } = new(new UserScope(new HashSet<string>(), false, DateTimeOffset.MaxValue), "nothing");

    public static ScopedView Of(UserScope scope) => new(scope, KeyOf(scope));

    private static string KeyOf(UserScope scope) =>
        (scope.ClusterScoped ? "c" : "-") + (scope.AllNamespaces ? "*" : "\n" + string.Join('\n', scope.Namespaces.Order(StringComparer.Ordinal)));
}
