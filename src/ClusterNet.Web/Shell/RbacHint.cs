using ClusterNet.Core.Model;

namespace ClusterNet.Web.Shell;

/// <summary>
/// What the forbidden state tells the user: the RBAC right that is missing and the <c>kubectl auth can-i</c> commands
/// that check it, as the dashboard's identity (<c>--as</c>) when known.
/// </summary>
public static class RbacHint
{
    /// <summary>resource.group as kubectl spells it (core kinds have no group).</summary>
    public static string ResourceOf(string kind) => kind switch
    {
        ResourceKind.NetworkPolicies or ResourceKind.Ingresses or ResourceKind.IngressClasses => $"{kind}.networking.k8s.io",
        ResourceKind.DaemonSets or ResourceKind.Deployments or ResourceKind.StatefulSets => $"{kind}.apps",
        ResourceKind.IpPools or ResourceKind.BgpConfigurations => $"{kind}.crd.projectcalico.org",
        ResourceKind.ClusterNetworkPolicies or ResourceKind.AdminNetworkPolicies or ResourceKind.BaselineAdminNetworkPolicies => $"{kind}.policy.networking.k8s.io",
        ResourceKind.Endpoints => "endpointslices.discovery.k8s.io (or endpoints)",
        ResourceKind.CalicoNetworkPolicies => "networkpolicies.projectcalico.org (or networkpolicies.crd.projectcalico.org)",
        ResourceKind.CalicoGlobalNetworkPolicies or ResourceKind.CalicoTiers => $"{kind}.projectcalico.org (or {kind}.crd.projectcalico.org)",
        ResourceKind.CalicoNetworkSets or ResourceKind.CalicoGlobalNetworkSets => $"{kind}.projectcalico.org (or {kind}.crd.projectcalico.org)",
        ResourceKind.Installations => "installations.operator.tigera.io",
        ResourceKind.NetworkAttachmentDefinitions => "network-attachment-definitions.k8s.cni.cncf.io",
        ResourceKind.MultiNetworkPolicies => "multi-networkpolicies.k8s.cni.cncf.io",
        _ => kind,
    };

    public static bool IsClusterScoped(string kind) =>
        kind is ResourceKind.Nodes or ResourceKind.Namespaces or ResourceKind.IngressClasses or ResourceKind.IpPools or ResourceKind.BgpConfigurations
            or ResourceKind.CalicoGlobalNetworkPolicies or ResourceKind.CalicoTiers or ResourceKind.CalicoGlobalNetworkSets or ResourceKind.Installations
            or ResourceKind.ClusterNetworkPolicies or ResourceKind.AdminNetworkPolicies or ResourceKind.BaselineAdminNetworkPolicies;

    public static string Missing(string kind) =>
        $"list and watch on {ResourceOf(kind)}{(IsClusterScoped(kind) ? "" : " in all namespaces")}";

    public static IReadOnlyList<string> Commands(string kind, string? asUser)
    {
        var resource = ResourceOf(kind).Split(' ')[0];
        var scope = IsClusterScoped(kind) ? "" : " --all-namespaces";
        var user = string.IsNullOrEmpty(asUser) ? "" : $" --as={asUser}";
        return [$"kubectl auth can-i list {resource}{scope}{user}", $"kubectl auth can-i watch {resource}{scope}{user}"];
    }
}
