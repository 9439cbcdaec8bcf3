using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One end of a connection as Calico sees it: a pod (a workload endpoint, with the labels Calico adds) or an address
/// outside the pod set. Namespace labels carry <c>projectcalico.org/name</c>; pod labels <c>projectcalico.org/namespace</c>,
/// <c>projectcalico.org/orchestrator: k8s</c> and <c>projectcalico.org/serviceaccount</c>.
/// </summary>
internal sealed class CalicoEndpoint
{
    public const string NamespaceNameLabel = "projectcalico.org/name";
    public const string PodNamespaceLabel = "projectcalico.org/namespace";
    public const string OrchestratorLabel = "projectcalico.org/orchestrator";
    public const string ServiceAccountLabel = "projectcalico.org/serviceaccount";

    private static readonly IReadOnlyDictionary<string, string> NoLabels = ImmutableDictionary<string, string>.Empty;

    private CalicoEndpoint(PodInfo? pod, IPAddress? ip, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> namespaceLabels)
    {
        Pod = pod;
        Address = ip;
        Labels = labels;
        NamespaceLabels = namespaceLabels;
    }

    public PodInfo? Pod { get; }

    /// <summary>The pod's first IP or the external address; null for a pod without one.</summary>
    public IPAddress? Address { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyDictionary<string, string> NamespaceLabels { get; }

    public bool IsPod => Pod is not null;

    public string Namespace => Pod?.Namespace ?? "";

    /// <summary>Labels a service-account selector sees. ServiceAccount objects are not read, so only their name label is known.</summary>
    public IReadOnlyDictionary<string, string> ServiceAccountLabels => Pod is null ? NoLabels
        : new Dictionary<string, string> { [NamespaceNameLabel] = Pod.ServiceAccountName ?? "default" };

    public string ServiceAccount => Pod?.ServiceAccountName ?? "default";

    public override string ToString() => Pod is { } p ? $"{p.Namespace}/{p.Name}" : Address?.ToString() ?? "?";

    public static CalicoEndpoint OfPod(PodInfo pod, NamespaceInfo? ns)
    {
        var labels = new Dictionary<string, string>(pod.Labels, StringComparer.Ordinal)
        {
            [PodNamespaceLabel] = pod.Namespace,
            [OrchestratorLabel] = "k8s",
            [ServiceAccountLabel] = pod.ServiceAccountName ?? "default",
        };
        IPAddress.TryParse(pod.PodIp ?? "", out var ip);
        return new CalicoEndpoint(pod, ip, labels, NamespaceLabelsOf(pod.Namespace, ns));
    }

    /// <summary>The labels a namespaceSelector sees for namespace <paramref name="name"/> (for pods and namespaced network sets alike).</summary>
    public static IReadOnlyDictionary<string, string> NamespaceLabelsOf(string name, NamespaceInfo? ns) =>
        // kubernetes.io/metadata.name is set by the API server on every namespace (1.21+), so selectors see it.
        new Dictionary<string, string>(ns?.Labels ?? LabelMap.Empty, StringComparer.Ordinal)
        {
            [NamespaceNameLabel] = name,
            [PolicyIndex.NamespaceNameLabel] = name,
        };

    public static CalicoEndpoint External(string ip) =>
        new(null, IPAddress.TryParse(ip, out var a) ? a : throw new ArgumentException($"'{ip}' is not an IP address", nameof(ip)), NoLabels, NoLabels);
}
