namespace ClusterNet.Kubernetes.Files;

/// <summary>One YAML document or one top-level JSON value; Index is 1-based within its file. Root is null when the document could not be parsed (already reported).</summary>
internal sealed record ManifestDocument(int Index, int Line, ManifestNode? Root);
