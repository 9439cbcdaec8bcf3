using ClusterNet.Core.Model;
using MudBlazor;

namespace ClusterNet.Web.Shell;

/// <summary>How kinds and their sync states look in the shell: kubectl short names, colours, icons, words.</summary>
public static class KindLabels
{
    public static string Short(string kind) => kind switch
    {
        ResourceKind.Nodes => "no",
        ResourceKind.Namespaces => "ns",
        ResourceKind.Pods => "po",
        ResourceKind.Services => "svc",
        ResourceKind.Endpoints => "ep",
        ResourceKind.NetworkPolicies => "netpol",
        ResourceKind.Ingresses => "ing",
        ResourceKind.IngressClasses => "ingclass",
        ResourceKind.DaemonSets => "ds",
        ResourceKind.Deployments => "deploy",
        ResourceKind.StatefulSets => "sts",
        ResourceKind.ConfigMaps => "cm",
        ResourceKind.IpPools => "ippool",
        ResourceKind.BgpConfigurations => "bgpconfig",
        // Gateway API's CRD short names.
        ResourceKind.GatewayClasses => "gc",
        ResourceKind.Gateways => "gtw",
        ResourceKind.ReferenceGrants => "refgrant",
        // Calico's API server names projectcalico.org NetworkPolicies "cnp", which network-policy-api gives
        // ClusterNetworkPolicy: one chip row must tell them apart, so Calico's keeps its group.
        ResourceKind.CalicoNetworkPolicies => "netpol.calico",
        ResourceKind.CalicoGlobalNetworkPolicies => "gnp",
        ResourceKind.CalicoTiers => "tier",
        ResourceKind.CalicoNetworkSets => "netsets",
        ResourceKind.CalicoGlobalNetworkSets => "globalnetsets",
        ResourceKind.ServiceAccounts => "sa",
        ResourceKind.ClusterNetworkPolicies => "cnp",
        ResourceKind.AdminNetworkPolicies => "anp",
        ResourceKind.BaselineAdminNetworkPolicies => "banp",
        ResourceKind.Installations => "installation",
        ResourceKind.NetworkAttachmentDefinitions => "net-attach-def",
        ResourceKind.MultiNetworkPolicies => "multi-policy",
        _ => kind,
    };

    /// <summary>Green synced · amber syncing/reconnecting · red forbidden/error · grey not served.</summary>
    public static Color ColorOf(KindState state) => state switch
    {
        KindState.Synced => Color.Success,
        KindState.Pending or KindState.Syncing or KindState.Reconnecting => Color.Warning,
        KindState.Forbidden or KindState.Error => Color.Error,
        _ => Color.Default,
    };

    /// <summary>An icon per state so colour is never the only carrier of meaning.</summary>
    public static string IconOf(KindState state) => state switch
    {
        KindState.Synced => Icons.Material.Filled.CheckCircle,
        KindState.Pending or KindState.Syncing => Icons.Material.Filled.Sync,
        KindState.Reconnecting => Icons.Material.Filled.SyncProblem,
        KindState.Forbidden => Icons.Material.Filled.Block,
        KindState.Error => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.RemoveCircleOutline,
    };

    public static string Describe(string kind, KindStatus status) => status.State switch
    {
        KindState.Synced => $"{kind}: synced, {status.Count:N0} object{(status.Count == 1 ? "" : "s")}",
        KindState.Pending => $"{kind}: waiting to start",
        KindState.Syncing => status.Expected is { } e ? $"{kind}: loading {status.Loaded:N0} / {e:N0}" : $"{kind}: loading {status.Loaded:N0}",
        KindState.Reconnecting => $"{kind}: reconnecting, showing {status.Count:N0} last known{Reason(status)}",
        KindState.Forbidden => $"{kind}: forbidden, the dashboard may not {RbacHint.Missing(kind)}{Reason(status)}",
        KindState.NotServed => $"{kind}: not served by this API server (e.g. the CRD is not installed), nothing to read",
        KindState.Error => $"{kind}: error{Reason(status)}",
        _ => $"{kind}: {status.StateName}",
    };

    private static string Reason(KindStatus status) => string.IsNullOrEmpty(status.Message) ? "" : $" ({status.Message})";

    public static string SourceLabel(SourceInfo source) => source.Type switch
    {
        "demo" => "Demo cluster",
        "kubeconfig" => $"kubeconfig: {source.Name}",
        "incluster" => $"in-cluster: {source.Name}",
        "file" => $"file: {source.Name}",
        _ => source.Name,
    };

    public static string SourceIcon(SourceInfo source) => source.Type switch
    {
        "demo" => Icons.Material.Filled.Science,
        "file" => Icons.Material.Filled.Description,
        _ => Icons.Material.Filled.Hub,
    };
}
