namespace ClusterNet.Web.Configuration;

/// <summary>The source types, spelled as <c>SourceInfo.Type</c> and the REST API spell them.</summary>
public static class ClusterSourceType
{
    public const string Demo = "demo";
    public const string Kubeconfig = "kubeconfig";
    public const string InCluster = "incluster";
    public const string File = "file";
}
