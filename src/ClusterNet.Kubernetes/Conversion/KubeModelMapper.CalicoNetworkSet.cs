using System.Text.Json;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    /// <summary>
    /// Calico NetworkSet or GlobalNetworkSet (projectcalico.org/v3 or crd.projectcalico.org/v1, same spec): labels and
    /// spec.nets. A net that is not a CIDR or address is reported with its index and matches nothing; the rest load.
    /// Enterprise-only fields (allowedEgressDomains) are reported as not modelled.
    /// </summary>
    public static CalicoNetworkSetInfo ToCalicoNetworkSet(JsonElement obj, CalicoNetworkSetKind kind, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var global = kind == CalicoNetworkSetKind.GlobalNetworkSet;
        var meta = new JsonReader(obj, global ? "GlobalNetworkSet" : "NetworkSet", diagnostics, clusterScoped: global);
        var r = new CalicoReader(diagnostics, global ? $"GlobalNetworkSet {meta.Name}" : $"NetworkSet {meta.Namespace}/{meta.Name}");
        var spec = Child(obj, "spec");
        if (Child(spec, "allowedEgressDomains") is not null)
        {
            r.Warn("spec.allowedEgressDomains", "allowedEgressDomains (Calico Enterprise) is not modelled: only the set's nets are matched");
        }

        return new CalicoNetworkSetInfo
        {
            Kind = kind,
            Namespace = meta.Namespace,
            Name = meta.Name,
            Labels = meta.Labels,
            Nets = r.Nets(spec, "nets", "spec"),
            AllowedEgressDomains = Child(spec, "allowedEgressDomains") is { ValueKind: JsonValueKind.Array } domains
                ? [.. domains.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!)]
                : [],
        };
    }

    public static CalicoNetworkSetInfo ToCalicoNetworkSet(IDictionary<string, object?> obj, CalicoNetworkSetKind kind, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToCalicoNetworkSet(JsonSerializer.SerializeToElement(obj), kind, diagnostics);

    /// <summary>A ServiceAccount's name, namespace and labels; nothing else is kept (its secrets list names token Secrets).</summary>
    public static ServiceAccountInfo ToServiceAccount(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var meta = new JsonReader(obj, "ServiceAccount", diagnostics);
        return new ServiceAccountInfo { Namespace = meta.Namespace, Name = meta.Name, Labels = meta.Labels };
    }
}
