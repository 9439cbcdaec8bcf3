using System.Globalization;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Contour's client-IP settings: <c>network.num-trusted-hops</c> in the contour.yaml of ConfigMap "contour" (default 0),
/// which Contour writes into Envoy's xff_num_trusted_hops, and <c>--use-proxy-protocol</c> on <c>contour serve</c>
/// (default off; when on, Envoy's listeners require a PROXY header). Contour configures Envoy with use_remote_address
/// true, so Envoy appends its peer to X-Forwarded-For and, with 0 trusted hops, takes the peer as the client.
/// A ContourConfiguration resource (spec.envoy.network.numTrustedHops) is not read.
/// </summary>
internal static class ContourSettingsReader
{
    public static ProxyControllerSettings Read(WorkloadInfo? contour, ConfigMapInfo? configMap, string expectedKey)
    {
        var lines = new List<ClientIpEvidence>();
        var problems = new List<string>();
        var notes = new List<string>();
        int hops = 0;
        string? hopsText = null;
        if (configMap is not null && configMap.Data.TryGetValue("contour.yaml", out var yaml))
        {
            var inNetwork = false;
            foreach (var raw in yaml.Split('\n'))
            {
                var line = raw.TrimEnd();
                if (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)
                {
                    continue;
                }

                if (!char.IsWhiteSpace(line[0]))
                {
                    inNetwork = line.StartsWith("network:", StringComparison.Ordinal);
                    continue;
                }

                var t = line.Trim();
                if (inNetwork && t.StartsWith("num-trusted-hops:", StringComparison.Ordinal))
                {
                    hopsText = t["num-trusted-hops:".Length..].Trim().Trim('"', '\'');
                }
            }
        }

        if (hopsText is not null)
        {
            lines.Add(ProxyControllerSettings.Read("network.num-trusted-hops", hopsText, $"ConfigMap {configMap!.Namespace}/{configMap.Name} contour.yaml"));
            if (!int.TryParse(hopsText, NumberStyles.None, CultureInfo.InvariantCulture, out hops))
            {
                problems.Add($"ConfigMap {configMap.Namespace}/{configMap.Name} contour.yaml: num-trusted-hops \"{hopsText}\" is not a whole number; Contour refuses the configuration");
                hops = 0;
            }
        }
        else
        {
            lines.Add(ProxyControllerSettings.Assumed("network.num-trusted-hops", "0", "Contour"));
            if (configMap is null)
            {
                notes.Add($"No ConfigMap {expectedKey} in the snapshot: Contour's defaults assumed.");
            }
        }

        var args = contour is null ? [] : contour.Containers.Where(c => !c.IsInit).SelectMany(c => c.Command).ToList();
        var ppArg = args.FirstOrDefault(a => a == "--use-proxy-protocol" || a.StartsWith("--use-proxy-protocol=", StringComparison.Ordinal));
        var pp = ppArg is not null && (ppArg == "--use-proxy-protocol" || ppArg.EndsWith("=true", StringComparison.Ordinal));
        lines.Add(ppArg is null
            ? ProxyControllerSettings.Assumed("--use-proxy-protocol", "false", "Contour")
            : ProxyControllerSettings.Read("--use-proxy-protocol", pp ? "true" : "false", $"{contour!.Kind} {contour.Namespace}/{contour.Name} args"));
        lines.Add(new ClientIpEvidence("use_remote_address", "true", "set by Contour on every Envoy HTTP listener"));
        return new ProxyControllerSettings
        {
            Kind = IngressControllerKind.Contour,
            AcceptsProxyProtocol = pp,
            ProxyProtocolRequired = true,
            TrustedHops = hops,
            XffHandling = ProxyXffHandling.Append,
            Target = $"ConfigMap {expectedKey}",
            Lines = [.. lines],
            Problems = [.. problems],
            Notes = [.. notes],
        };
    }
}
