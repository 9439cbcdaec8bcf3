namespace ClusterNet.Core.Model;

public sealed record IngressClassInfo(string Name, string Controller, bool IsDefault) : IClusterObject
{
    public ObjectKey Key => ObjectKey.Cluster(Name);
}
