using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>Finds net-conf.json (kube-flannel-cfg, or canal-config for canal), parses it, and falls back to node annotations.</summary>
internal static class FlannelSettingsReader
{
    public const string NetConfKey = "net-conf.json";

    public static FlannelSettings Read(ClusterSnapshot snapshot, CniDetection cni, List<Finding> warnings)
    {
        var names = cni.Name == CniName.Canal ? new[] { "canal-config", "kube-flannel-cfg" } : ["kube-flannel-cfg", "canal-config"];
        ConfigMapInfo? cm = null;
        foreach (var name in names)
        {
            cm = snapshot.ConfigMaps.Get("kube-system", name) ?? snapshot.ConfigMaps.Get("kube-flannel", name)
                ?? snapshot.ConfigMaps.FirstOrDefault(c => c.Name == name);
            if (cm is not null)
            {
                break;
            }
        }

        var annotated = snapshot.Nodes
            .Select(n => n.Annotations.GetValueOrDefault(FlannelAnnotations.BackendType))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .GroupBy(t => t!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();

        if (cm is null || !cm.Data.TryGetValue(NetConfKey, out var text))
        {
            var where = cm is null ? "no kube-flannel-cfg ConfigMap in the snapshot" : $"ConfigMap {cm.Namespace}/{cm.Name} has no {NetConfKey} key";
            warnings.Add(TopologyFindings.Create(WarningCode.NetConfMissing, Severity.Info,
                $"{where}: backend taken from the nodes' backend-type annotation ({annotated ?? "none; vxlan assumed"}), DirectRouting unknown (assumed off)",
                cm is null ? null : $"ConfigMap/{cm.Namespace}/{cm.Name}", cm is null ? null : $"data[{NetConfKey}]"));
            return new FlannelSettings
            {
                BackendType = annotated ?? "vxlan",
                Source = annotated is null ? "assumed (no net-conf.json, no annotations)" : "node annotations (no net-conf.json)",
                ConfigMap = cm is null ? null : $"{cm.Namespace}/{cm.Name}",
                Port = annotated == "udp" ? FlannelNetConfParser.DefaultUdpPort : FlannelNetConfParser.DefaultVxlanPort,
            };
        }

        var result = FlannelNetConfParser.Parse(text);
        var obj = $"ConfigMap/{cm.Namespace}/{cm.Name}";
        foreach (var e in result.Errors)
        {
            warnings.Add(TopologyFindings.Create(WarningCode.NetConfInvalid, Severity.Error,
                $"net-conf.json is invalid: {e.Message}" + (e.Field is null ? "" : $" ({e.Field})"),
                obj, $"data[{NetConfKey}]" + (e.Field is null ? "" : $".{e.Field}"), Line: e.Line, Column: e.Column));
        }

        if (result.Config is { } conf)
        {
            if (annotated is not null && annotated != conf.BackendType)
            {
                warnings.Add(TopologyFindings.Create(WarningCode.FlannelAnnotationInvalid, Severity.Warning,
                    $"net-conf.json says backend {conf.BackendType} but the nodes run {annotated}: flanneld was not restarted after the ConfigMap changed (kubectl -n {cm.Namespace} rollout restart daemonset)",
                    obj, $"data[{NetConfKey}].Backend.Type"));
            }

            return new FlannelSettings
            {
                BackendType = conf.BackendType,
                DirectRouting = conf.DirectRouting,
                Vni = conf.Vni,
                Port = conf.Port,
                Source = $"net-conf.json in ConfigMap {cm.Namespace}/{cm.Name}",
                ConfigMap = $"{cm.Namespace}/{cm.Name}",
                NetConf = result,
            };
        }

        return new FlannelSettings
        {
            BackendType = annotated ?? "vxlan",
            Source = $"node annotations (net-conf.json in ConfigMap {cm.Namespace}/{cm.Name} is invalid; flanneld would refuse to start with it)",
            ConfigMap = $"{cm.Namespace}/{cm.Name}",
            Port = annotated == "udp" ? FlannelNetConfParser.DefaultUdpPort : FlannelNetConfParser.DefaultVxlanPort,
            NetConf = result,
        };
    }
}
