using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Patches for the reverse-proxy controllers' own settings: ConfigMap keys (HAProxy Ingress, haproxytech), container args
/// appended with a JSON patch (Traefik, contour serve), and the contour.yaml network section (a merge patch would replace
/// the whole file, so the fix shows the section to edit instead of a command).
/// </summary>
internal static class ProxyControllerPatches
{
    public static (string Yaml, string? Command) Set(ProxyControllerSettings s, IngressControllerInfo controller, string key, string value)
    {
        switch (s.Kind)
        {
            case IngressControllerKind.Traefik:
                return AddArg(controller.Workload, $"--entryPoints.{TraefikSettingsReader.EntryPoint(s)}.{key}={value}");
            case IngressControllerKind.Contour when key == "num-trusted-hops":
                var cm = ObjectKey.Parse(controller.ConfigMapKey ?? "projectcontour/contour");
                return ($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {cm.Name}\n  namespace: {cm.Namespace}\ndata:\n  contour.yaml: |\n    # keep every other setting of contour.yaml; only this section changes\n    network:\n      num-trusted-hops: {value}\n", null);
            case IngressControllerKind.Contour:
                return AddArg(controller.ControlPlane, value == "true" ? "--use-proxy-protocol" : "--use-proxy-protocol=false");
            default:
                var key2 = ObjectKey.Parse(controller.ConfigMapKey ?? "default/haproxy");
                var (yaml, cmd) = ClientIpPatches.ConfigMap(key2.Namespace, key2.Name, [(key, value)]);
                return (yaml, cmd);
        }
    }

    /// <summary>Removes a ConfigMap key (JSON patch).</summary>
    public static (string Yaml, string Command) RemoveKey(IngressControllerInfo controller, string key)
    {
        var cm = ObjectKey.Parse(controller.ConfigMapKey ?? "default/haproxy");
        var patch = new JsonArray(new JsonObject { ["op"] = "remove", ["path"] = "/data/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) });
        return ($"# remove key {key} from ConfigMap {cm}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {cm.Name}\n  namespace: {cm.Namespace}\ndata:\n  {key}: null\n",
            $"kubectl -n {cm.Namespace} patch configmap {cm.Name} --type json -p '{patch.ToJsonString()}'");
    }

    private static (string Yaml, string? Command) AddArg(WorkloadInfo? workload, string arg)
    {
        if (workload is null)
        {
            return ($"# add to the controller container's args:\n- {ClientIpPatches.Quote(arg)}\n", null);
        }

        var index = workload.Containers.Where(c => !c.IsInit).Select((c, i) => (c, i)).FirstOrDefault(x => ProxyControllers.KindOfWorkload(workload with { Containers = [x.c] }) is not null).i;
        var yaml = $"apiVersion: apps/v1\nkind: {workload.Kind}\nmetadata:\n  name: {workload.Name}\n  namespace: {workload.Namespace}\nspec:\n  template:\n    spec:\n      containers:\n      - name: {workload.Containers.Where(c => !c.IsInit).ElementAtOrDefault(index)?.Name ?? "controller"}\n        args:\n        # appended to the existing args\n        - {ClientIpPatches.Quote(arg)}\n";
        var patch = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = $"/spec/template/spec/containers/{index}/args/-", ["value"] = arg });
        return (yaml, $"kubectl -n {workload.Namespace} patch {workload.Kind.ToLowerInvariant()} {workload.Name} --type json -p '{patch.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}'");
    }
}
