using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The ingress-nginx ConfigMap keys that decide the client address, with the controller's defaults
/// (use-forwarded-headers false, compute-full-forwarded-for false, forwarded-for-header X-Forwarded-For,
/// proxy-real-ip-cidr 0.0.0.0/0, use-proxy-protocol false, enable-real-ip false). Booleans are read like Go's
/// strconv.ParseBool; anything else keeps the default and is reported in <see cref="Problems"/>.
/// </summary>
internal sealed record IngressNginxSettings
{
    public bool UseForwardedHeaders { get; init; }
    public bool ComputeFullForwardedFor { get; init; }
    public string ForwardedForHeader { get; init; } = "X-Forwarded-For";
    public ImmutableArray<string> ProxyRealIpCidr { get; init; } = ["0.0.0.0/0"];
    public bool UseProxyProtocol { get; init; }
    public bool EnableRealIp { get; init; }
    /// <summary>"ConfigMap ns/name" or a sentence saying defaults were used and why.</summary>
    public required string Source { get; init; }
    public ImmutableArray<string> ExplicitKeys { get; init; } = [];
    public ImmutableArray<string> Problems { get; init; } = [];

    /// <summary>The realip module is configured (template: use-forwarded-headers or use-proxy-protocol or enable-real-ip).</summary>
    public bool RealIpActive => UseForwardedHeaders || UseProxyProtocol || EnableRealIp;

    public bool TrustsEveryone => ProxyRealIpCidr.Any(c => c.Trim() is "0.0.0.0/0" or "::/0");

    public static IngressNginxSettings Defaults(string why) => new() { Source = why };

    public static IngressNginxSettings From(ConfigMapInfo configMap)
    {
        var problems = new List<string>();
        var d = configMap.Data;
        var where = $"ConfigMap {configMap.Namespace}/{configMap.Name}";
        bool Bool(string key)
        {
            if (!d.TryGetValue(key, out var v))
            {
                return false;
            }

            switch (v.Trim())
            {
                case "1" or "t" or "T" or "true" or "TRUE" or "True":
                    return true;
                case "0" or "f" or "F" or "false" or "FALSE" or "False":
                    return false;
                default:
                    problems.Add($"{where} key {key}: \"{v}\" is not a boolean to ingress-nginx; it keeps the default false");
                    return false;
            }
        }

        var cidrs = d.TryGetValue("proxy-real-ip-cidr", out var c)
            ? c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray()
            : ["0.0.0.0/0"];
        foreach (var cidr in cidrs)
        {
            if (!Decoding.TrustedProxy.TryParse(cidr, out _, out var error))
            {
                problems.Add($"{where} key proxy-real-ip-cidr: {error}; nginx would refuse the configuration (set_real_ip_from)");
            }
        }

        var header = d.TryGetValue("forwarded-for-header", out var h) && h.Trim().Length > 0 ? h.Trim() : "X-Forwarded-For";
        string[] keys = ["use-forwarded-headers", "compute-full-forwarded-for", "forwarded-for-header", "proxy-real-ip-cidr", "use-proxy-protocol", "enable-real-ip"];
        return new IngressNginxSettings
        {
            UseForwardedHeaders = Bool("use-forwarded-headers"),
            ComputeFullForwardedFor = Bool("compute-full-forwarded-for"),
            ForwardedForHeader = header,
            ProxyRealIpCidr = cidrs.IsEmpty ? ["0.0.0.0/0"] : cidrs,
            UseProxyProtocol = Bool("use-proxy-protocol"),
            EnableRealIp = Bool("enable-real-ip"),
            Source = where,
            ExplicitKeys = [.. keys.Where(d.ContainsKey).Select(k => $"{k}: \"{d[k]}\"")],
            Problems = [.. problems],
        };
    }
}
