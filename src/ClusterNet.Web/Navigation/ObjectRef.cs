using ClusterNet.Core.Model;

namespace ClusterNet.Web.Navigation;

/// <summary>
/// A selectable object: kind (a <see cref="ResourceKind"/> name) and key. In URLs it is written
/// <c>kind/name</c> (cluster-scoped) or <c>kind/namespace/name</c>, e.g. <c>?sel=pods/dev/pod1</c>.
/// Pages may select things that are not cluster objects (a topology device, a matrix cell) with their own kind names.
/// </summary>
public sealed record ObjectRef(string Kind, ObjectKey Key)
{
    public static ObjectRef Of(IClusterObject obj) => new(ResourceKinds.KindOf(obj), obj.Key);

    public static ObjectRef Pod(string @namespace, string name) => new(ResourceKind.Pods, new ObjectKey(@namespace, name));

    public static ObjectRef Service(string @namespace, string name) => new(ResourceKind.Services, new ObjectKey(@namespace, name));

    public static ObjectRef Node(string name) => new(ResourceKind.Nodes, ObjectKey.Cluster(name));

    public override string ToString() => $"{Kind}/{Key}";

    public static bool TryParse(string? text, out ObjectRef? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        // Workload keys hold a slash ("Deployment/coredns"), so only the first two slashes separate.
        var parts = text.Split('/', 3);
        value = parts switch
        {
            [var kind, var name] when kind.Length > 0 && name.Length > 0 => new ObjectRef(kind, ObjectKey.Cluster(name)),
            [var kind, var ns, var name] when kind.Length > 0 && ns.Length > 0 && name.Length > 0 => new ObjectRef(kind, new ObjectKey(ns, name)),
            _ => null,
        };
        return value is not null;
    }
}
