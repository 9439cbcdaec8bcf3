using System.Text.Json;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// One API endpoint a kind can be read from: group-version, plural resource, optional field selector, and how an
/// item (JSON as the server sent it) becomes a Core record. The converter adds warnings to the collection it is given
/// (the object is still kept) and throws only when the object cannot be represented at all.
/// </summary>
internal sealed record ResourceTarget(string ApiVersion, string Resource, Func<JsonElement, ICollection<SourceDiagnostic>, IClusterObject> Convert)
{
    /// <summary>Restricts list and watch, e.g. metadata.name=kube-proxy (RBAC resourceNames can then allow it).</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// Decodes an item straight from its JSON bytes (KubernetesClient kinds): used for list items and watch objects,
    /// with <see cref="Convert"/> on a document of the item as the fallback that reports what this one could not read.
    /// Null: every item goes through <see cref="Convert"/>.
    /// </summary>
    public ItemReader? Read { get; init; }

    /// <summary>Key of a deleted object whose last state does not convert; defaults to namespace/name.</summary>
    public Func<JsonElement, ObjectKey?> KeyOf { get; init; } = MetadataKey;

    /// <summary>Nodes, Namespaces, IngressClasses, Calico pools: a namespace scope does not apply to them.</summary>
    public bool ClusterScoped { get; init; }

    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    /// <summary>Cluster-wide collection path: /api/v1/pods, /apis/apps/v1/deployments.</summary>
    public string Path => PathIn(null);

    /// <summary>Collection path in <paramref name="ns"/> (/api/v1/namespaces/dev/pods); cluster-wide when null or cluster-scoped.</summary>
    public string PathIn(string? ns) =>
        (ApiVersion.Contains('/') ? $"/apis/{ApiVersion}" : $"/api/{ApiVersion}")
        + (string.IsNullOrEmpty(ns) || ClusterScoped ? "" : $"/namespaces/{Uri.EscapeDataString(ns)}")
        + "/" + Resource;

    public static ObjectKey? MetadataKey(JsonElement obj)
    {
        if (!obj.TryGetProperty("metadata", out var meta) || meta.ValueKind != JsonValueKind.Object
            || !meta.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var ns = meta.TryGetProperty("namespace", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        return new ObjectKey(ns, name.GetString()!);
    }

    /// <summary>"pods dev/web-1" style name of an item for messages.</summary>
    public string Describe(JsonElement obj) => Describe(MetadataKey(obj));

    /// <summary>"pods dev/web-1" style name of an item whose metadata key is known (null: unnamed).</summary>
    public string Describe(ObjectKey? key) => key is { } k ? $"{Resource} {k}" : $"{Resource} (unnamed object)";
}
