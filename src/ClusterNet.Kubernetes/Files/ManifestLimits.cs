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

    /// <summary>
    /// Keys in one object. Real objects stay far below (labels and annotations are a few dozen; a ConfigMap's 1 MiB
    /// limit leaves no room for useful data in more); a body of tens of thousands of keys is an attack or an accident.
    /// A per-object cap, not per document: a List document of a large cluster legitimately holds millions of keys.
    /// </summary>
    public const int MaxMappingKeys = 10_000;

    public const long MaxFileBytes = 512L * 1024 * 1024;
}
