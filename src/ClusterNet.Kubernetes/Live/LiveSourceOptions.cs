using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Live;

/// <summary>Tuning of the live list/watch source. The defaults suit a real cluster; tests shorten the retry intervals.</summary>
public sealed record LiveSourceOptions
{
    /// <summary>Changes are coalesced into at most one published snapshot per interval.</summary>
    public TimeSpan Coalesce { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First retry delay after an error; doubles per failed attempt up to <see cref="BackoffMax"/>, with jitter.</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Items per list page (the list's <c>limit</c>); continue tokens fetch the rest.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// Server-side watch timeout; each watch asks for a random value between this and twice this (as client-go does),
    /// so watches of different kinds do not all restart together.
    /// </summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a kind the user may not read is tried again (RBAC may be granted later).</summary>
    public TimeSpan ForbiddenRetry { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a kind the server does not serve is checked again (e.g. Calico CRDs installed later).</summary>
    public TimeSpan NotServedRetry { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Kinds to read, as <see cref="ResourceKind"/> names; null reads all of <see cref="ResourceKind.All"/>.</summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    /// <summary>ConfigMaps read by name (across namespaces); null uses <see cref="ResourceKind.AnalysedConfigMapNames"/>.</summary>
    public IReadOnlyList<string>? ConfigMapNames { get; init; }

    /// <summary>
    /// Reads namespaced kinds only in this namespace (what a user bound by a RoleBinding may list); cluster-scoped
    /// kinds are still read cluster-wide. Null reads every namespace.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>Timeout of one list page or discovery request (not of a watch stream).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    internal IReadOnlyList<string> EffectiveKinds => Kinds ?? ResourceKind.All;

    internal IReadOnlyList<string> EffectiveConfigMapNames => ConfigMapNames ?? ResourceKind.AnalysedConfigMapNames;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (Coalesce < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Coalesce)} must not be negative (got {Coalesce}).");
        }

        if (BackoffMin <= TimeSpan.Zero || BackoffMax < BackoffMin)
        {
            throw new ArgumentException($"{nameof(BackoffMin)} must be positive and not above {nameof(BackoffMax)} (got {BackoffMin} and {BackoffMax}).");
        }

        if (PageSize <= 0)
        {
            throw new ArgumentException($"{nameof(PageSize)} must be positive (got {PageSize}).");
        }

        if (WatchTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{nameof(WatchTimeout)} must be at least 1 s (got {WatchTimeout}).");
        }

        if (ForbiddenRetry <= TimeSpan.Zero || NotServedRetry <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(ForbiddenRetry)}, {nameof(NotServedRetry)} and {nameof(RequestTimeout)} must be positive.");
        }

        if (Namespace is { } ns && (ns.Length == 0 || ns.Length > 63 || !ns.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
        {
            throw new ArgumentException($"{nameof(Namespace)}: '{ns}' is not a namespace name (lower-case letters, digits and '-', at most 63).");
        }

        foreach (var kind in EffectiveKinds)
        {
            if (!ResourceKind.All.Contains(kind))
            {
                throw new ArgumentException($"{nameof(Kinds)}: unknown kind '{kind}'; known kinds: {string.Join(", ", ResourceKind.All)}.");
            }
        }
    }
}
