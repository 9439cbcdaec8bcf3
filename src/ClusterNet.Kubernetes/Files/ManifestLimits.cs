namespace ClusterNet.Kubernetes.Files;

/// <summary>Bounds that keep hostile or broken input (alias bombs, absurd nesting, huge files) from exhausting the process.</summary>
public static class ManifestLimits
{
    /// <summary>Kubernetes objects nest about 15 levels; CRD schemas a few dozen.</summary>
    public const int MaxDepth = 100;

    /// <summary>Nodes a document may reach through aliases (the "billion laughs" attack expands a few lines into billions).</summary>
    public const long MaxAliasExpansion = 100_000;

    /// <summary>Nodes a single document may hold once aliases are expanded.</summary>
    public const long MaxDocumentNodes = 20_000_000;

    public const long MaxFileBytes = 512L * 1024 * 1024;
}
