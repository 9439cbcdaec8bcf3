using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// HAProxy Ingress (jcmoraisjr) global ConfigMap keys (documentation "Configuration keys"): <c>forwardfor</c>
/// (add | update | ignore | ifmissing, default add: X-Forwarded-For replaced by the source address, the incoming value
/// copied to X-Original-Forwarded-For) and <c>use-proxy-protocol</c> (default false; true makes ports 80/443 require the
/// PROXY protocol). The ConfigMap is the controller's --configmap, else haproxy-ingress in its namespace.
/// </summary>
internal static class HaproxyIngressSettingsReader
{
    public static ProxyControllerSettings Read(ConfigMapInfo? configMap, string expectedKey)
    {
        var lines = new List<ClientIpEvidence>();
        var problems = new List<string>();
        var where = configMap is null ? null : $"ConfigMap {configMap.Namespace}/{configMap.Name}";
        string Value(string key, string def)
        {
            if (configMap is not null && configMap.Data.TryGetValue(key, out var v))
            {
                lines.Add(ProxyControllerSettings.Read(key, v, where!));
                return v.Trim();
            }

            lines.Add(ProxyControllerSettings.Assumed(key, def, "HAProxy Ingress"));
            return def;
        }

        var ff = Value("forwardfor", "add");
        var handling = ff switch
        {
            "add" => ProxyXffHandling.Replace,
            "update" => ProxyXffHandling.Append,
            "ignore" => ProxyXffHandling.PassThrough,
            "ifmissing" => ProxyXffHandling.AddIfMissing,
            _ => ProxyXffHandling.Replace,
        };
        if (ff is not ("add" or "update" or "ignore" or "ifmissing"))
        {
            problems.Add($"{where}: forwardfor \"{ff}\" is not add, update, ignore or ifmissing; taken as the default add");
        }

        var pp = Value("use-proxy-protocol", "false");
        if (!bool.TryParse(pp, out var usePp))
        {
            problems.Add($"{where}: use-proxy-protocol \"{pp}\" is not true or false; taken as false");
        }

        return new ProxyControllerSettings
        {
            Kind = IngressControllerKind.HaproxyIngress,
            AcceptsProxyProtocol = usePp,
            ProxyProtocolRequired = true,
            XffHandling = handling,
            Target = $"ConfigMap {expectedKey}",
            Lines = [.. lines],
            Problems = [.. problems],
            Notes = configMap is null ? [$"No ConfigMap {expectedKey} in the snapshot: HAProxy Ingress defaults assumed."] : [],
        };
    }
}
