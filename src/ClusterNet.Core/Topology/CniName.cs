namespace ClusterNet.Core.Topology;

/// <summary>CNI plugins the builder recognises (JSON values of <c>cni.name</c>).</summary>
public static class CniName
{
    public const string Flannel = "flannel";
    public const string Calico = "calico";
    public const string Canal = "canal";
    public const string KubeRouter = "kube-router";
    public const string Cilium = "cilium";
    public const string Unknown = "unknown";
}
