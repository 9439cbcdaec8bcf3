using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using ClusterNet.Core.ClientIp.Decoding;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// Reads a Gateway listener's client-IP settings from the implementation's own resources in the snapshot. Values not
/// set anywhere are the implementation's documented defaults, marked as such in the inputs; values that live where
/// ClusterNet does not read yet (Istio mesh config, cilium-config, kgateway listener policies) are marked NotRead.
/// </summary>
public static partial class GatewayClientIpSettingsReader
{
    public const string IstioProxyConfigAnnotation = "proxy.istio.io/config";

    public static GatewayClientIpSettings Read(ClusterSnapshot snapshot, GatewayInfo gateway, GatewayClassInfo? gatewayClass, GatewayImplementation implementation, GatewayListenerInfo? listener, GatewayDataPlane dataPlane)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(dataPlane);
        return implementation switch
        {
            GatewayImplementation.EnvoyGateway => EnvoyGateway(snapshot, gateway, listener),
            GatewayImplementation.Istio => Istio(snapshot, gateway, dataPlane),
            GatewayImplementation.Cilium => EnvoyAssumed(implementation,
                "Cilium's Envoy listener for Gateway API; the cilium-config keys proxy-xff-num-trusted-hops-ingress/-egress are not read"),
            GatewayImplementation.Kgateway => EnvoyAssumed(implementation,
                "kgateway listener policies (useRemoteAddress, xffNumTrustedHops) are not read"),
            GatewayImplementation.NginxGatewayFabric => NginxGatewayFabric(snapshot, gateway, gatewayClass),
            GatewayImplementation.Traefik => Traefik(dataPlane),
            _ => new GatewayClientIpSettings
            {
                Implementation = implementation,
                Mechanism = GatewayClientIpMechanism.Unknown,
                Notes = [$"controller {gatewayClass?.ControllerName ?? "(GatewayClass not found)"} is not an implementation ClusterNet knows: it is a proxy, so the backend's socket address is the proxy pod; what it does with X-Forwarded-For is not known"],
            },
        };
    }

    /// <summary>
    /// Envoy Gateway: the ClientTrafficPolicy that targets this listener (sectionName) wins over one that targets the
    /// whole Gateway; without one, Envoy Gateway's listeners use the socket peer (use_remote_address true, no trusted
    /// hops) and append it to X-Forwarded-For.
    /// </summary>
    private static GatewayClientIpSettings EnvoyGateway(ClusterSnapshot snapshot, GatewayInfo gateway, GatewayListenerInfo? listener)
    {
        var inputs = new List<GatewaySettingInput>();
        var notes = new List<string>();
        var candidates = snapshot.ClientTrafficPolicies
            .Where(p => p.Namespace == gateway.Namespace)
            .Select(p => (Policy: p, Rank: Rank(p, gateway, listener)))
            .Where(x => x.Rank > 0)
            .OrderByDescending(x => x.Rank).ThenBy(x => x.Policy.Name, StringComparer.Ordinal)
            .ToList();
        var policy = candidates.FirstOrDefault().Policy;
        if (candidates.Count > 1 && candidates[0].Rank == candidates[1].Rank)
        {
            notes.Add($"several ClientTrafficPolicies target this {(candidates[0].Rank == 2 ? "listener" : "Gateway")} ({string.Join(", ", candidates.Where(c => c.Rank == candidates[0].Rank).Select(c => c.Policy.Name))}); Envoy Gateway applies the oldest, ClusterNet cannot tell which that is and shows {policy!.Name}");
        }

        var where = policy is null ? null : $"ClientTrafficPolicy {policy.Namespace}/{policy.Name}";
        var envoy = new EnvoyXffSettings { UseRemoteAddress = true };
        inputs.Add(new GatewaySettingInput("use_remote_address", "true", SettingOrigin.DocumentedDefault, "Envoy Gateway configures its listeners as edge proxies"));
        var mechanism = GatewayClientIpMechanism.SocketPeer;
        string? customHeader = null;
        var detection = policy?.ClientIpDetection;
        if (detection?.CustomHeaderName is { } header)
        {
            mechanism = GatewayClientIpMechanism.CustomHeader;
            customHeader = header;
            inputs.Add(new GatewaySettingInput("clientIPDetection.customHeader.name", header, SettingOrigin.Read, where!));
            if (detection.CustomHeaderFailClosed is { } failClosed)
            {
                inputs.Add(new GatewaySettingInput("clientIPDetection.customHeader.failClosed", failClosed ? "true" : "false", SettingOrigin.Read, where!));
            }
        }
        else if (detection is { XForwardedFor: true })
        {
            if (!detection.TrustedCidrs.IsDefaultOrEmpty)
            {
                mechanism = GatewayClientIpMechanism.XffTrustedCidrs;
                var parsed = new List<TrustedProxy>();
                foreach (var cidr in detection.TrustedCidrs)
                {
                    if (TrustedProxy.TryParse(cidr, out var p, out var error))
                    {
                        parsed.Add(p!);
                    }
                    else
                    {
                        notes.Add($"{where} trustedCIDRs: {error}");
                    }
                }

                envoy = envoy with { TrustedCidrs = [.. parsed] };
                inputs.Add(new GatewaySettingInput("clientIPDetection.xForwardedFor.trustedCIDRs", string.Join(", ", detection.TrustedCidrs), SettingOrigin.Read, where!));
            }
            else if (detection.NumTrustedHops is { } hops)
            {
                mechanism = hops > 0 ? GatewayClientIpMechanism.XffTrustedHops : GatewayClientIpMechanism.SocketPeer;
                envoy = envoy with { NumTrustedHops = hops };
                inputs.Add(new GatewaySettingInput("clientIPDetection.xForwardedFor.numTrustedHops", hops.ToString(CultureInfo.InvariantCulture), SettingOrigin.Read, where!));
            }

            if (detection.DisableXForwardedForAppend == true)
            {
                envoy = envoy with { SkipXffAppend = true };
                inputs.Add(new GatewaySettingInput("clientIPDetection.xForwardedFor.disableXForwardedForAppend", "true", SettingOrigin.Read, where!));
            }
        }

        if (mechanism == GatewayClientIpMechanism.SocketPeer && envoy.NumTrustedHops == 0 && !inputs.Any(i => i.Field.EndsWith("numTrustedHops", StringComparison.Ordinal)))
        {
            inputs.Add(new GatewaySettingInput("xff_num_trusted_hops", "0", SettingOrigin.DocumentedDefault,
                policy is null ? "no ClientTrafficPolicy targets this Gateway" : $"{where} sets no clientIPDetection"));
        }

        var proxyProtocol = policy?.ProxyProtocol;
        if (proxyProtocol is not null)
        {
            inputs.Add(new GatewaySettingInput(proxyProtocol.FromDeprecatedField ? "enableProxyProtocol" : "proxyProtocol", proxyProtocol.Optional == true ? "optional" : "required", SettingOrigin.Read, where!));
        }

        return new GatewayClientIpSettings
        {
            Implementation = GatewayImplementation.EnvoyGateway,
            Mechanism = mechanism,
            Envoy = envoy,
            ProxyProtocol = proxyProtocol is not null,
            ProxyProtocolOptional = proxyProtocol?.Optional == true,
            CustomHeader = customHeader,
            TrustedAddresses = [.. envoy.TrustedCidrs.Select(c => c.Text)],
            TrustsEveryone = envoy.TrustedCidrs.Any(c => c.PrefixLength == 0),
            AppendsXForwardedFor = !envoy.SkipXffAppend,
            Inputs = [.. inputs],
            Notes = [.. notes],
        };
    }

    /// <summary>2: targets this listener by sectionName; 1: targets the whole Gateway (by name or label selector); 0: not this Gateway.</summary>
    private static int Rank(ClientTrafficPolicyInfo policy, GatewayInfo gateway, GatewayListenerInfo? listener)
    {
        var rank = 0;
        foreach (var t in policy.TargetRefs)
        {
            if (t.Group != "gateway.networking.k8s.io" || t.Kind != "Gateway" || t.Name != gateway.Name)
            {
                continue;
            }

            if (t.SectionName is null)
            {
                rank = Math.Max(rank, 1);
            }
            else if (listener is not null && t.SectionName == listener.Name)
            {
                rank = 2;
            }
        }

        if (rank == 0 && policy.TargetSelectors.Any(s => s.Count > 0 && s.All(kv => gateway.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value)))
        {
            rank = 1;
        }

        return rank;
    }

    /// <summary>
    /// Istio: gatewayTopology.numTrustedProxies from the proxy.istio.io/config annotation on the Gateway (what Istio's
    /// documentation tells Gateway API users to set), else on the gateway pods, else the mesh-wide default
    /// (meshConfig.defaultConfig.gatewayTopology in the "mesh" key of ConfigMap istio, istio-system preferred).
    /// Istio's gateways are edge Envoys: use_remote_address true.
    /// </summary>
    private static GatewayClientIpSettings Istio(ClusterSnapshot snapshot, GatewayInfo gateway, GatewayDataPlane dataPlane)
    {
        var inputs = new List<GatewaySettingInput>
        {
            new("use_remote_address", "true", SettingOrigin.DocumentedDefault, "Istio configures gateways as edge proxies"),
        };
        var mesh = snapshot.ConfigMaps.Where(c => c.Name == "istio" && c.Data.ContainsKey("mesh"))
            .OrderBy(c => c.Namespace == "istio-system" ? 0 : 1).ThenBy(c => c.Namespace, StringComparer.Ordinal).FirstOrDefault();
        var pod = dataPlane.Pods.FirstOrDefault(p => p.Annotations.ContainsKey(IstioProxyConfigAnnotation));

        // Istio merges proxy config: the annotation overrides the mesh's defaultConfig field by field, so each field
        // comes from the first source that sets it.
        var sources = new List<(string Text, string Where)>();
        if (gateway.Annotations.TryGetValue(IstioProxyConfigAnnotation, out var onGateway))
        {
            sources.Add((onGateway, $"annotation {IstioProxyConfigAnnotation} on Gateway {gateway.Namespace}/{gateway.Name}"));
        }

        if (pod is not null)
        {
            sources.Add((pod.Annotations[IstioProxyConfigAnnotation], $"annotation {IstioProxyConfigAnnotation} on pod {pod.Namespace}/{pod.Name}"));
        }

        if (mesh is not null)
        {
            sources.Add((mesh.Data["mesh"], $"ConfigMap {mesh.Namespace}/istio key mesh (defaultConfig)"));
        }

        var hops = 0;
        var hopSource = sources.Select(src => (src.Where, Match: NumTrustedProxies().Match(src.Text))).FirstOrDefault(x => x.Match.Success);
        if (hopSource.Match is { Success: true } m)
        {
            hops = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            inputs.Add(new GatewaySettingInput("gatewayTopology.numTrustedProxies", m.Groups[1].Value, SettingOrigin.Read, hopSource.Where));
        }
        else
        {
            inputs.Add(sources.Count == 0
                ? new GatewaySettingInput("gatewayTopology.numTrustedProxies", "0", SettingOrigin.NotRead,
                    "no proxy.istio.io/config annotation and no ConfigMap istio with mesh config in the snapshot (Istio's default 0)")
                : new GatewaySettingInput("gatewayTopology.numTrustedProxies", "0", SettingOrigin.DocumentedDefault,
                    $"not set in {string.Join(" or ", sources.Select(x => x.Where))} (Istio's default 0)"));
        }

        var proxyProtocolSource = sources.FirstOrDefault(x => ProxyProtocolKey().IsMatch(x.Text));
        var proxyProtocol = proxyProtocolSource.Text is not null;
        if (proxyProtocol)
        {
            inputs.Add(new GatewaySettingInput("gatewayTopology.proxyProtocol", "set", SettingOrigin.Read, proxyProtocolSource.Where));
        }

        return new GatewayClientIpSettings
        {
            Implementation = GatewayImplementation.Istio,
            Mechanism = hops > 0 ? GatewayClientIpMechanism.XffTrustedHops : GatewayClientIpMechanism.SocketPeer,
            Envoy = new EnvoyXffSettings { UseRemoteAddress = true, NumTrustedHops = hops },
            ProxyProtocol = proxyProtocol,
            AppendsXForwardedFor = true,
            Inputs = [.. inputs],
        };
    }

    private static GatewayClientIpSettings EnvoyAssumed(GatewayImplementation implementation, string why) => new()
    {
        Implementation = implementation,
        Mechanism = GatewayClientIpMechanism.SocketPeer,
        Envoy = new EnvoyXffSettings { UseRemoteAddress = true },
        AppendsXForwardedFor = true,
        Inputs =
        [
            new GatewaySettingInput("use_remote_address", "true", SettingOrigin.NotRead, why),
            new GatewaySettingInput("xff_num_trusted_hops", "0", SettingOrigin.NotRead, why),
        ],
        Notes = [$"{GatewayImplementations.DisplayName(implementation)}: Envoy edge settings are assumed; check them in the cluster before relying on this answer"],
    };

    /// <summary>
    /// NGINX Gateway Fabric: NginxProxy referenced by the GatewayClass (parametersRef) and by the Gateway
    /// (infrastructure.parametersRef), the Gateway's settings overriding the class's. rewriteClientIP mode XForwardedFor
    /// is nginx realip on X-Forwarded-For from trustedAddresses; ProxyProtocol takes the PROXY header's address. NGF's
    /// nginx configuration sends X-Forwarded-For ($proxy_add_x_forwarded_for) and X-Real-IP ($remote_addr) upstream.
    /// </summary>
    private static GatewayClientIpSettings NginxGatewayFabric(ClusterSnapshot snapshot, GatewayInfo gateway, GatewayClassInfo? gatewayClass)
    {
        var inputs = new List<GatewaySettingInput>();
        var notes = new List<string>();
        NginxProxyInfo? Find(GatewayParametersRefInfo? r, string defaultNamespace, string who)
        {
            if (r is null || r.Kind != "NginxProxy")
            {
                return null;
            }

            var proxy = snapshot.NginxProxies.Get(r.Namespace ?? defaultNamespace, r.Name) ?? snapshot.NginxProxies.Get("", r.Name);
            if (proxy is null)
            {
                notes.Add($"{who} refers to NginxProxy {(r.Namespace ?? defaultNamespace)}/{r.Name}, which is not in the snapshot");
            }

            return proxy;
        }

        var fromClass = Find(gatewayClass?.ParametersRef, "", $"GatewayClass {gatewayClass?.Name}");
        var fromGateway = Find(gateway.InfrastructureParametersRef, gateway.Namespace, $"Gateway {gateway.Namespace}/{gateway.Name}");
        string Where(NginxProxyInfo p) => p.Namespace.Length == 0 ? $"NginxProxy {p.Name}" : $"NginxProxy {p.Namespace}/{p.Name}";
        string? mode = null;
        bool? recursive = null;
        ImmutableArray<NginxTrustedAddressInfo> trusted = [];
        foreach (var proxy in new[] { fromClass, fromGateway })
        {
            if (proxy?.RewriteClientIp is not { } r)
            {
                continue;
            }

            if (r.Mode is not null)
            {
                mode = r.Mode;
                inputs.Add(new GatewaySettingInput("rewriteClientIP.mode", r.Mode, SettingOrigin.Read, Where(proxy)));
            }

            if (r.SetIpRecursively is { } rec)
            {
                recursive = rec;
                inputs.Add(new GatewaySettingInput("rewriteClientIP.setIPRecursively", rec ? "true" : "false", SettingOrigin.Read, Where(proxy)));
            }

            if (!r.TrustedAddresses.IsDefaultOrEmpty)
            {
                trusted = r.TrustedAddresses;
                inputs.Add(new GatewaySettingInput("rewriteClientIP.trustedAddresses", string.Join(", ", r.TrustedAddresses.Select(a => a.Value)), SettingOrigin.Read, Where(proxy)));
            }
        }

        if (mode is null)
        {
            inputs.Add(new GatewaySettingInput("rewriteClientIP", "not set", SettingOrigin.DocumentedDefault,
                fromClass is null && fromGateway is null ? "no NginxProxy applies to this Gateway: nginx does not rewrite the client address" : "the NginxProxy sets no rewriteClientIP.mode: nginx does not rewrite the client address"));
        }

        inputs.Add(new GatewaySettingInput("upstream headers", "X-Forwarded-For: $proxy_add_x_forwarded_for, X-Real-IP: $remote_addr", SettingOrigin.DocumentedDefault, "NGINX Gateway Fabric's nginx configuration"));
        foreach (var hostname in trusted.Where(t => t.Type == "Hostname"))
        {
            notes.Add($"trusted address {hostname.Value} is a hostname: nginx resolves it once, when the configuration loads");
        }

        var proxyProtocol = string.Equals(mode, "ProxyProtocol", StringComparison.Ordinal);
        var realIp = string.Equals(mode, "XForwardedFor", StringComparison.Ordinal);
        return new GatewayClientIpSettings
        {
            Implementation = GatewayImplementation.NginxGatewayFabric,
            Mechanism = realIp && !trusted.IsDefaultOrEmpty ? GatewayClientIpMechanism.NginxRealIp : GatewayClientIpMechanism.SocketPeer,
            ProxyProtocol = proxyProtocol,
            TrustedAddresses = [.. trusted.Select(t => t.Value)],
            Recursive = recursive ?? false,
            TrustsEveryone = (realIp || proxyProtocol) && trusted.Any(t => t.Value.Trim() is "0.0.0.0/0" or "::/0"),
            AppendsXForwardedFor = true,
            SetsXRealIp = true,
            Inputs = [.. inputs],
            Notes = [.. notes],
        };
    }

    /// <summary>
    /// Traefik: entry point forwardedHeaders from the proxy pods' arguments (--entryPoints.NAME.forwardedHeaders.trustedIPs
    /// / .insecure, case-insensitive as Traefik reads flags). Without them Traefik drops incoming X-Forwarded-* headers
    /// and sends its own with the socket peer; from trusted peers it keeps them and appends.
    /// </summary>
    private static GatewayClientIpSettings Traefik(GatewayDataPlane dataPlane)
    {
        var inputs = new List<GatewaySettingInput>();
        var trusted = new List<string>();
        var insecure = false;
        foreach (var pod in dataPlane.Pods)
        {
            foreach (var arg in pod.Containers.SelectMany(c => c.Command))
            {
                if (TraefikForwardedHeaders().Match(arg) is not { Success: true } m)
                {
                    continue;
                }

                var where = $"pod {pod.Namespace}/{pod.Name} argument {arg}";
                var value = m.Groups["value"].Success ? m.Groups["value"].Value : "true";
                if (m.Groups["key"].Value.Equals("trustedips", StringComparison.OrdinalIgnoreCase))
                {
                    trusted.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    inputs.Add(new GatewaySettingInput($"entryPoints.{m.Groups["ep"].Value}.forwardedHeaders.trustedIPs", value, SettingOrigin.Read, where));
                }
                else if (bool.TryParse(value, out var b) && b)
                {
                    insecure = true;
                    inputs.Add(new GatewaySettingInput($"entryPoints.{m.Groups["ep"].Value}.forwardedHeaders.insecure", "true", SettingOrigin.Read, where));
                }
            }
        }

        if (inputs.Count == 0)
        {
            inputs.Add(new GatewaySettingInput("forwardedHeaders", "not set", SettingOrigin.DocumentedDefault,
                dataPlane.Pods.IsEmpty ? "no Traefik pod in the snapshot (a static configuration file is not read either)" : "Traefik's default: X-Forwarded-* from clients are not trusted (a static configuration file is not read)"));
        }

        var distinct = trusted.Distinct(StringComparer.Ordinal).ToImmutableArray();
        return new GatewayClientIpSettings
        {
            Implementation = GatewayImplementation.Traefik,
            Mechanism = insecure || !distinct.IsEmpty ? GatewayClientIpMechanism.TraefikForwardedHeaders : GatewayClientIpMechanism.SocketPeer,
            TrustedAddresses = distinct,
            TrustsEveryone = insecure || distinct.Any(t => t is "0.0.0.0/0" or "::/0"),
            AppendsXForwardedFor = true,
            Inputs = [.. inputs],
            Notes = distinct.IsEmpty || !insecure ? [] : ["both insecure and trustedIPs are set: insecure wins, every client's X-Forwarded-For is kept"],
        };
    }

    [GeneratedRegex(@"""?numTrustedProxies""?\s*:\s*(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex NumTrustedProxies();

    [GeneratedRegex(@"""?proxyProtocol""?\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex ProxyProtocolKey();

    [GeneratedRegex(@"^--entry[pP]oints\.(?<ep>[^.=]+)\.forwarded[hH]eaders\.(?<key>trustedIPs|trustedips|insecure)(=(?<value>.*))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TraefikForwardedHeaders();
}
