using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// HAProxy Kubernetes Ingress Controller (haproxytech) ConfigMap keys (documentation "annotations"):
/// <c>forwarded-for</c> (default true: option forwardfor, a new X-Forwarded-For line with the source address appended
/// after the incoming ones), <c>proxy-protocol</c> (IPs/CIDRs whose connections must carry a PROXY header; none by
/// default) and <c>src-ip-header</c> (take the source address from that header, from any sender; none by default).
/// The ConfigMap is the controller's --configmap argument.
/// </summary>
internal static class HaproxyTechSettingsReader
{
    public static ProxyControllerSettings Read(ConfigMapInfo? configMap, string expectedKey)
    {
        var lines = new List<ClientIpEvidence>();
        var problems = new List<string>();
        var where = configMap is null ? null : $"ConfigMap {configMap.Namespace}/{configMap.Name}";
        string? Value(string key, string shownDefault)
        {
            if (configMap is not null && configMap.Data.TryGetValue(key, out var v))
            {
                lines.Add(ProxyControllerSettings.Read(key, v, where!));
                return v.Trim();
            }

            lines.Add(ProxyControllerSettings.Assumed(key, shownDefault, "HAProxy Kubernetes Ingress Controller"));
            return null;
        }

        var ff = Value("forwarded-for", "true") ?? "true";
        if (!bool.TryParse(ff, out var forwardFor))
        {
            problems.Add($"{where}: forwarded-for \"{ff}\" is not true or false; taken as the default true");
            forwardFor = true;
        }

        var pp = Value("proxy-protocol", "(none)");
        var ppList = pp is null ? [] : pp.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var header = Value("src-ip-header", "(none)");
        return new ProxyControllerSettings
        {
            Kind = IngressControllerKind.HaproxyTech,
            AcceptsProxyProtocol = ppList.Length > 0,
            ProxyProtocolFrom = [.. ppList],
            ProxyProtocolRequired = true,
            XffHandling = forwardFor ? ProxyXffHandling.Append : ProxyXffHandling.None,
            SourceHeader = string.IsNullOrWhiteSpace(header) ? null : header,
            Target = $"ConfigMap {expectedKey}",
            Lines = [.. lines],
            Problems = [.. problems],
            Notes = configMap is null ? [$"No ConfigMap {expectedKey} in the snapshot: the controller's defaults assumed."] : [],
        };
    }
}
