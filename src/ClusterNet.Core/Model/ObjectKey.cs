namespace ClusterNet.Core.Model;

/// <summary>Identifies an object of one kind: namespace (empty for cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Cluster(string name) => new(string.Empty, name);

    public static ObjectKey Parse(string text)
    {
        var slash = text.IndexOf('/');
        return slash < 0 ? new ObjectKey(string.Empty, text) : new ObjectKey(text[..slash], text[(slash + 1)..]);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
