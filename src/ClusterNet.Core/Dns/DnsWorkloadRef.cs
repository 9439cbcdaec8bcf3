namespace ClusterNet.Core.Dns;

/// <summary>The object a fix is applied to: the pod's controller (Deployment, StatefulSet, DaemonSet, Job) or the pod itself.</summary>
public sealed record DnsWorkloadRef(string Kind, string Namespace, string Name)
{
    /// <summary>kubectl's resource name for the kind.</summary>
    public string Resource => Kind.ToLowerInvariant();

    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}
