namespace ClusterNet.Core.Model;

/// <summary>Where the snapshot comes from. Type is one of demo, kubeconfig, incluster, file.</summary>
public sealed record SourceInfo(string Type, string Name)
{
    public bool IsDemo => Type == "demo";
}
