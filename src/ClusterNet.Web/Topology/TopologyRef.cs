using ClusterNet.Core.Model;
using ClusterNet.Web.Navigation;

namespace ClusterNet.Web.Topology;

/// <summary>
/// Graph elements as selections: <c>?sel=topology/pod/dev/pod-a</c>. The element id's first segment is the key's
/// namespace and the rest its name, which round-trips through <see cref="ObjectRef"/>'s "kind/ns/name" form.
/// </summary>
public static class TopologyRef
{
    public const string Kind = "topology";

    public static ObjectRef Of(string elementId)
    {
        var slash = elementId.IndexOf('/');
        return new ObjectRef(Kind, slash < 0 ? ObjectKey.Cluster(elementId) : new ObjectKey(elementId[..slash], elementId[(slash + 1)..]));
    }

    public static string? ElementId(ObjectRef? target) =>
        target is { Kind: Kind } t ? (t.Key.Namespace.Length == 0 ? t.Key.Name : $"{t.Key.Namespace}/{t.Key.Name}") : null;
}
