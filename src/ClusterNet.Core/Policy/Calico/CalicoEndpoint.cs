using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One end of a connection as Calico sees it: a pod (a workload endpoint, with the labels Calico adds) or an address
/// outside the pod set. Namespace labels carry <c>projectcalico.org/name</c>; pod labels <c>projectcalico.org/namespace</c>,
/// <c>projectcalico.org/orchestrator: k8s</c> and <c>projectcalico.org/serviceaccount</c>; the pod's ServiceAccount (when
/// read) gives the labels service-account selectors see, plus <c>projectcalico.org/name</c>. A pod also inherits its
/// profiles' labels, as Calico's converter writes them: the namespace's labels as <c>pcns.KEY</c> (with
/// <c>pcns.projectcalico.org/name</c>) and the ServiceAccount's as <c>pcsa.KEY</c> (with <c>pcsa.projectcalico.org/name</c>);
/// the pod's own labels win over inherited ones, and Calico's own three labels win over both.
/// </summary>
internal sealed class CalicoEndpoint
{
    public const string NamespaceNameLabel = "projectcalico.org/name";
    public const string PodNamespaceLabel = "projectcalico.org/namespace";
    public const string OrchestratorLabel = "projectcalico.org/orchestrator";
    public const string ServiceAccountLabel = "projectcalico.org/serviceaccount";
    /// <summary>Prefix of the namespace profile's labels a workload endpoint (and a namespaced network set) inherits.</summary>
    public const string NamespaceProfilePrefix = "pcns.";
    /// <summary>Prefix of the ServiceAccount profile's labels a workload endpoint inherits.</summary>
    public const string ServiceAccountProfilePrefix = "pcsa.";

    private static readonly IReadOnlyDictionary<string, string> NoLabels = ImmutableDictionary<string, string>.Empty;

    private CalicoEndpoint(PodInfo? pod, IPAddress? ip, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> namespaceLabels,
        ServiceAccountInfo? account = null)
    {
        Pod = pod;
        Address = ip;
        AddressValue = ip is null ? default : CidrRange.ValueOf(ip);
        Labels = labels;
        NamespaceLabels = namespaceLabels;
        Account = account;
        ServiceAccountLabels = pod is null ? NoLabels
            : new Dictionary<string, string>(account?.Labels ?? LabelMap.Empty, StringComparer.Ordinal) { [NamespaceNameLabel] = pod.ServiceAccountName ?? "default" };
    }

    public PodInfo? Pod { get; }

    /// <summary>The pod's first IP or the external address; null for a pod without one.</summary>
    public IPAddress? Address { get; }

    /// <summary><see cref="Address"/> as <see cref="CidrRange.Contains(UInt128, int)"/> compares it (length 0 without one): nets checks without allocating.</summary>
    public (UInt128 Value, int Length) AddressValue { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public IReadOnlyDictionary<string, string> NamespaceLabels { get; }

    public bool IsPod => Pod is not null;

    public string Namespace => Pod?.Namespace ?? "";

    /// <summary>Labels a service-account selector sees: the ServiceAccount's labels and <c>projectcalico.org/name</c> (only that when the object was not read).</summary>
    public IReadOnlyDictionary<string, string> ServiceAccountLabels { get; }

    /// <summary>The pod's ServiceAccount object; null for an address, or when the snapshot does not hold it.</summary>
    public ServiceAccountInfo? Account { get; }

    public string ServiceAccount => Pod?.ServiceAccountName ?? "default";

    public override string ToString() => Pod is { } p ? $"{p.Namespace}/{p.Name}" : Address?.ToString() ?? "?";

    public static CalicoEndpoint OfPod(PodInfo pod, NamespaceInfo? ns, ServiceAccountInfo? account = null)
    {
        var namespaceLabels = NamespaceLabelsOf(pod.Namespace, ns);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        Inherit(labels, NamespaceProfilePrefix, namespaceLabels);
        Inherit(labels, ServiceAccountProfilePrefix, account?.Labels ?? LabelMap.Empty);
        labels[ServiceAccountProfilePrefix + NamespaceNameLabel] = pod.ServiceAccountName ?? "default";
        foreach (var (k, v) in pod.Labels)
        {
            labels[k] = v;
        }

        labels[PodNamespaceLabel] = pod.Namespace;
        labels[OrchestratorLabel] = "k8s";
        labels[ServiceAccountLabel] = pod.ServiceAccountName ?? "default";
        IPAddress.TryParse(pod.PodIp ?? "", out var ip);
        return new CalicoEndpoint(pod, ip, labels, namespaceLabels, account);
    }

    /// <summary>Adds a profile's labels under <paramref name="prefix"/> (Calico's <c>labelsToApply</c> of the kns./ksa. profiles).</summary>
    public static void Inherit(Dictionary<string, string> labels, string prefix, IEnumerable<KeyValuePair<string, string>> from)
    {
        foreach (var (k, v) in from)
        {
            labels[prefix + k] = v;
        }
    }

    /// <summary>The labels a namespaceSelector sees for namespace <paramref name="name"/> (for pods and namespaced network sets alike).</summary>
    public static IReadOnlyDictionary<string, string> NamespaceLabelsOf(string name, NamespaceInfo? ns) =>
        // kubernetes.io/metadata.name is set by the API server on every namespace (1.21+), so selectors see it.
        new Dictionary<string, string>(ns?.Labels ?? LabelMap.Empty, StringComparer.Ordinal)
        {
            [NamespaceNameLabel] = name,
            [PolicyIndex.NamespaceNameLabel] = name,
        };

    /// <summary>The pod as Calico sees it in <paramref name="snapshot"/>: its namespace's labels and its ServiceAccount's.</summary>
    public static CalicoEndpoint OfPod(PodInfo pod, ClusterSnapshot snapshot, IReadOnlyDictionary<string, NamespaceInfo> namespaces) =>
        OfPod(pod, namespaces.GetValueOrDefault(pod.Namespace), snapshot.ServiceAccounts.Get(pod.Namespace, pod.ServiceAccountName ?? "default"));

    public static CalicoEndpoint External(string ip) =>
        new(null, IPAddress.TryParse(ip, out var a) ? a : throw new ArgumentException($"'{ip}' is not an IP address", nameof(ip)), NoLabels, NoLabels);
}
