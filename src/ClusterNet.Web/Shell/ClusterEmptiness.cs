using ClusterNet.Core.Model;

namespace ClusterNet.Web.Shell;

/// <summary>
/// "Is there anything to show?": a snapshot without nodes and without pods is empty, and every page says so once
/// (Components/Shared/EmptyCluster.razor) instead of facts about nothing ("0 of 0 pods reachable").
/// </summary>
public static class ClusterEmptiness
{
    public const string Title = "Nothing to show: the cluster is empty";

    /// <summary>True when the snapshot holds no node and no pod.</summary>
    public static bool IsEmpty(ClusterSnapshot snapshot) => snapshot.Nodes.Count == 0 && snapshot.Pods.Count == 0;

    /// <summary>The explanation when the snapshot is empty, null when it is not (what <c>EmptyCluster</c> takes).</summary>
    public static string? WhyEmpty(ClusterSnapshot snapshot) => IsEmpty(snapshot) ? Explain(snapshot) : null;

    /// <summary>Why it is empty and what to check, in one or two sentences.</summary>
    public static string Explain(ClusterSnapshot snapshot)
    {
        var forbidden = new[] { ResourceKind.Nodes, ResourceKind.Pods }.Where(k => snapshot.StatusOf(k).State == KindState.Forbidden).ToList();
        if (forbidden.Count > 0)
        {
            return $"The dashboard may not read {string.Join(" or ", forbidden)}, so it sees none; the banner above names the missing right.";
        }

        return snapshot.Source.Type switch
        {
            "file" => $"{snapshot.Source.Name} holds no Node and no Pod: check that it is a dump of a cluster (kubectl get -A -o yaml, kubectl cluster-info dump).",
            "kubeconfig" or "incluster" => "The API server lists no node and no pod: check the context (kubectl get nodes,pods -A).",
            _ => "The source has no node and no pod.",
        };
    }
}
