using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The controller to patch for a pod: a ReplicaSet named "&lt;deployment&gt;-&lt;pod-template-hash&gt;" belongs to that
/// Deployment; DaemonSet, StatefulSet and Job owners are patched directly; a pod without an owner is its own target.
/// </summary>
public static class DnsOwnerResolver
{
    public static DnsWorkloadRef Resolve(PodInfo pod, ClusterSnapshot? snapshot = null)
    {
        if (pod.Owner is null)
        {
            return new DnsWorkloadRef("Pod", pod.Namespace, pod.Name);
        }

        if (pod.Owner.Kind == "ReplicaSet")
        {
            if (pod.Labels.TryGetValue("pod-template-hash", out var hash) && pod.Owner.Name.EndsWith("-" + hash, StringComparison.Ordinal))
            {
                return new DnsWorkloadRef("Deployment", pod.Namespace, pod.Owner.Name[..^(hash.Length + 1)]);
            }

            // Without the label, a Deployment whose name prefixes the ReplicaSet's is the best guess.
            var guess = snapshot?.Workloads.Where(w => w.Kind == "Deployment" && w.Namespace == pod.Namespace && pod.Owner.Name.StartsWith(w.Name + "-", StringComparison.Ordinal))
                .OrderByDescending(w => w.Name.Length).FirstOrDefault();
            return guess is null ? new DnsWorkloadRef("ReplicaSet", pod.Namespace, pod.Owner.Name) : new DnsWorkloadRef("Deployment", pod.Namespace, guess.Name);
        }

        return new DnsWorkloadRef(pod.Owner.Kind, pod.Namespace, pod.Owner.Name);
    }
}
