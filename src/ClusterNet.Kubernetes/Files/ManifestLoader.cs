namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Reads YAML/JSON manifests (multi-document, kind: List, kubectl get -o yaml, kubectl cluster-info dump)
/// into model records. Errors name the file, document index, line and field.
/// </summary>
public static class ManifestLoader
{
    /// <summary>A file or a directory (recursively: *.yaml, *.yml, *.json).</summary>
    public static ManifestLoadResult LoadPath(string path) => throw new NotImplementedException("file source pending (issue #2)");

    /// <summary>Text of one file; <paramref name="fileName"/> is only used in messages.</summary>
    public static ManifestLoadResult LoadText(string text, string fileName) => throw new NotImplementedException("file source pending (issue #2)");
}
