using System.Collections.Immutable;
using ClusterNet.Core.Model;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    public static NodeInfo ToModel(V1Node node, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var meta = node.Metadata;
        var status = node.Status;
        var info = status?.NodeInfo;
        return new NodeInfo
        {
            Name = meta?.Name ?? "",
            Uid = meta?.Uid ?? "",
            Labels = Map(meta?.Labels),
            Annotations = MapAnnotations(meta?.Annotations),
            Addresses = NodeAddresses(status?.Addresses),
            PodCidrs = node.Spec?.PodCIDRs is { Count: > 0 } cidrs ? Strings(cidrs)
                : string.IsNullOrEmpty(node.Spec?.PodCIDR) ? [] : [node.Spec.PodCIDR],
            KernelVersion = info?.KernelVersion ?? "",
            OsImage = info?.OsImage ?? "",
            KubeletVersion = info?.KubeletVersion ?? "",
            ContainerRuntimeVersion = info?.ContainerRuntimeVersion ?? "",
            Architecture = info?.Architecture ?? "",
            Ready = NodeReady(status?.Conditions, diagnostics, meta),
        };
    }

    public static NamespaceInfo ToModel(V1Namespace ns, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(ns);
        _ = diagnostics;
        return new NamespaceInfo
        {
            Name = ns.Metadata?.Name ?? "",
            Uid = ns.Metadata?.Uid ?? "",
            Labels = Map(ns.Metadata?.Labels),
            Phase = string.IsNullOrEmpty(ns.Status?.Phase) ? "Active" : ns.Status.Phase,
        };
    }

    private static ImmutableArray<NodeAddress> NodeAddresses(IList<V1NodeAddress>? addresses)
    {
        if (addresses is null || addresses.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<NodeAddress>(addresses.Count);
        foreach (var a in addresses)
        {
            builder.Add(new NodeAddress(a.Type ?? "", a.Address ?? ""));
        }

        return builder.MoveToImmutable();
    }

    private static bool? NodeReady(IList<V1NodeCondition>? conditions, ICollection<SourceDiagnostic>? diagnostics, V1ObjectMeta? meta)
    {
        if (conditions is null)
        {
            return null;
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            if (c.Type != "Ready")
            {
                continue;
            }

            switch (c.Status)
            {
                case "True":
                    return true;
                case "False":
                    return false;
                case "Unknown" or null or "":
                    return null;
                default:
                    Report(diagnostics, Warning, "Node", meta, $"status.conditions[{i}].status", $"Ready condition status \"{c.Status}\" is not True, False or Unknown");
                    return null;
            }
        }

        return null;
    }
}
