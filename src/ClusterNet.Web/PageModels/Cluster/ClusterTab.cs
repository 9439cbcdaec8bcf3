namespace ClusterNet.Web.PageModels.Cluster;

/// <summary>The Cluster page's tabs, in order; the URL names them (<c>?tab=pods</c>), nodes by default.</summary>
public enum ClusterTab
{
    Nodes,
    Pods,
    Services,
    Sync,
}
