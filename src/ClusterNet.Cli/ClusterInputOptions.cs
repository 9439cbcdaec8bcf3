namespace ClusterNet.Cli;

/// <summary>
/// The flags every cluster-reading command shares: <c>--manifests PATH|-</c> with <c>-R</c>, or <c>--kubeconfig</c>,
/// <c>--context</c>; <c>-n</c> for either. Environment and home are injectable so tests do not depend on the machine.
/// </summary>
public sealed record ClusterInputOptions
{
    /// <summary>File, directory or "-" (stdin); null reads the live cluster.</summary>
    public string? Manifests { get; init; }

    /// <summary>Read subdirectories of a <see cref="Manifests"/> directory (kubectl's -R).</summary>
    public bool Recursive { get; init; }

    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    /// <summary>Namespaced objects only from this namespace; cluster-scoped ones (nodes, namespaces) are kept.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// Kinds a live read lists (<c>ResourceKind</c> names); null lists every kind. A command that needs only pods and
    /// policies asks for those: fewer requests, and no "forbidden" noise about kinds it never looks at.
    /// </summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Home directory for ~/.kube/config; null is the user's profile.</summary>
    public string? Home { get; init; }
}
