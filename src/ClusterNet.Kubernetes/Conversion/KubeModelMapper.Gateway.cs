using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Conversion;

/// <summary>
/// Gateway API kinds (gateway.networking.k8s.io v1, v1beta1, v1alpha2: same shape for the fields read) and the
/// implementations' client-IP configuration (Envoy Gateway ClientTrafficPolicy and EnvoyProxy, NGINX Gateway Fabric
/// NginxProxy). KubernetesClient has no types for them, so they are read from the JSON as generic objects; a field of
/// the wrong type is reported and skipped, never fatal. Namespaced objects without metadata.namespace (manifests) land
/// in "default", as kubectl apply would put them.
/// </summary>
public static partial class KubeModelMapper
{
    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    public static GatewayClassInfo ToGatewayClass(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "GatewayClass", diagnostics);
        var spec = r.Object(obj, "spec", "spec");
        return new GatewayClassInfo
        {
            Name = r.Name,
            Labels = r.Labels,
            Annotations = r.Annotations,
            ControllerName = r.String(spec, "controllerName", "spec.controllerName") ?? "",
            Description = r.String(spec, "description", "spec.description"),
            ParametersRef = ParametersRef(r, r.Object(spec, "parametersRef"), "spec.parametersRef"),
        };
    }

    public static GatewayInfo ToGateway(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "Gateway", diagnostics);
        var spec = r.Object(obj, "spec", "spec");
        var infrastructure = r.Object(spec, "infrastructure", "spec.infrastructure");
        var listeners = ImmutableArray.CreateBuilder<GatewayListenerInfo>();
        foreach (var (l, path) in r.Items(spec, "listeners", "spec.listeners"))
        {
            var allowed = r.Object(l, "allowedRoutes", path + ".allowedRoutes");
            var kinds = ImmutableArray.CreateBuilder<string>();
            foreach (var (k, kpath) in r.Items(allowed, "kinds", path + ".allowedRoutes.kinds"))
            {
                if (r.String(k, "kind", kpath + ".kind") is { } kind)
                {
                    kinds.Add(kind);
                }
            }

            var tls = r.Object(l, "tls", path + ".tls");
            listeners.Add(new GatewayListenerInfo
            {
                Name = r.String(l, "name", path + ".name") ?? "",
                Port = r.Int(l, "port", path + ".port") ?? 0,
                Protocol = r.String(l, "protocol", path + ".protocol") ?? "",
                Hostname = r.String(l, "hostname", path + ".hostname"),
                TlsMode = tls is null ? null : r.String(tls, "mode", path + ".tls.mode") ?? "Terminate",
                AllowedRoutesFrom = r.String(r.Object(allowed, "namespaces"), "from", path + ".allowedRoutes.namespaces.from"),
                AllowedRouteKinds = kinds.ToImmutable(),
            });
        }

        return new GatewayInfo
        {
            Namespace = r.Namespace,
            Name = r.Name,
            Uid = r.Uid,
            Labels = r.Labels,
            Annotations = r.Annotations,
            GatewayClassName = r.String(spec, "gatewayClassName", "spec.gatewayClassName") ?? "",
            Listeners = listeners.ToImmutable(),
            Addresses = Addresses(r, spec, "spec.addresses"),
            StatusAddresses = Addresses(r, r.Object(obj, "status"), "status.addresses"),
            InfrastructureParametersRef = ParametersRef(r, r.Object(infrastructure, "parametersRef"), "spec.infrastructure.parametersRef"),
            InfrastructureLabels = r.StringMap(infrastructure, "labels", "spec.infrastructure.labels"),
            InfrastructureAnnotations = r.StringMap(infrastructure, "annotations", "spec.infrastructure.annotations"),
        };
    }

    public static GatewayRouteInfo ToGatewayRoute(JsonElement obj, GatewayRouteKind kind, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, GatewayRouteKinds.KindName(kind), diagnostics);
        var spec = r.Object(obj, "spec", "spec");
        var parents = ImmutableArray.CreateBuilder<RouteParentRefInfo>();
        foreach (var (p, path) in r.Items(spec, "parentRefs", "spec.parentRefs"))
        {
            parents.Add(new RouteParentRefInfo(
                r.String(p, "group", path + ".group") ?? GatewayApiGroup,
                r.String(p, "kind", path + ".kind") ?? "Gateway",
                r.String(p, "namespace", path + ".namespace"),
                r.String(p, "name", path + ".name") ?? "",
                r.String(p, "sectionName", path + ".sectionName"),
                r.Int(p, "port", path + ".port")));
        }

        var hostnames = ImmutableArray.CreateBuilder<string>();
        foreach (var (h, path) in r.Items(spec, "hostnames", "spec.hostnames", JsonValueKind.String))
        {
            hostnames.Add(h.GetString() ?? "");
        }

        var rules = ImmutableArray.CreateBuilder<RouteRuleInfo>();
        foreach (var (rule, path) in r.Items(spec, "rules", "spec.rules"))
        {
            var backends = ImmutableArray.CreateBuilder<RouteBackendRefInfo>();
            foreach (var (b, bpath) in r.Items(rule, "backendRefs", path + ".backendRefs"))
            {
                backends.Add(new RouteBackendRefInfo(
                    r.String(b, "group", bpath + ".group") ?? "",
                    r.String(b, "kind", bpath + ".kind") ?? "Service",
                    r.String(b, "namespace", bpath + ".namespace"),
                    r.String(b, "name", bpath + ".name") ?? "",
                    r.Int(b, "port", bpath + ".port"),
                    r.Int(b, "weight", bpath + ".weight")));
            }

            var matches = ImmutableArray.CreateBuilder<string>();
            foreach (var (m, mpath) in r.Items(rule, "matches", path + ".matches"))
            {
                matches.Add(DescribeMatch(r, m, mpath));
            }

            rules.Add(new RouteRuleInfo
            {
                Name = r.String(rule, "name", path + ".name"),
                Matches = matches.ToImmutable(),
                BackendRefs = backends.ToImmutable(),
            });
        }

        return new GatewayRouteInfo
        {
            Kind = kind,
            Namespace = r.Namespace,
            Name = r.Name,
            Uid = r.Uid,
            Labels = r.Labels,
            Annotations = r.Annotations,
            ParentRefs = parents.ToImmutable(),
            Hostnames = hostnames.ToImmutable(),
            Rules = rules.ToImmutable(),
        };
    }

    public static ReferenceGrantInfo ToReferenceGrant(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "ReferenceGrant", diagnostics);
        var spec = r.Object(obj, "spec", "spec");
        var from = ImmutableArray.CreateBuilder<ReferenceGrantFromInfo>();
        foreach (var (f, path) in r.Items(spec, "from", "spec.from"))
        {
            from.Add(new ReferenceGrantFromInfo(r.String(f, "group", path + ".group") ?? "", r.String(f, "kind", path + ".kind") ?? "", r.String(f, "namespace", path + ".namespace") ?? ""));
        }

        var to = ImmutableArray.CreateBuilder<ReferenceGrantToInfo>();
        foreach (var (t, path) in r.Items(spec, "to", "spec.to"))
        {
            to.Add(new ReferenceGrantToInfo(r.String(t, "group", path + ".group") ?? "", r.String(t, "kind", path + ".kind") ?? "", r.String(t, "name", path + ".name")));
        }

        return new ReferenceGrantInfo { Namespace = r.Namespace, Name = r.Name, From = from.ToImmutable(), To = to.ToImmutable() };
    }

    /// <summary>Envoy Gateway ClientTrafficPolicy (gateway.envoyproxy.io/v1alpha1).</summary>
    public static ClientTrafficPolicyInfo ToClientTrafficPolicy(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "ClientTrafficPolicy", diagnostics);
        var spec = r.Object(obj, "spec", "spec");
        var targets = ImmutableArray.CreateBuilder<PolicyTargetRefInfo>();
        if (r.Object(spec, "targetRef") is { } single)
        {
            targets.Add(TargetRef(r, single, "spec.targetRef"));
        }

        foreach (var (t, path) in r.Items(spec, "targetRefs", "spec.targetRefs"))
        {
            targets.Add(TargetRef(r, t, path));
        }

        var selectors = ImmutableArray.CreateBuilder<ImmutableDictionary<string, string>>();
        foreach (var (s, path) in r.Items(spec, "targetSelectors", "spec.targetSelectors"))
        {
            selectors.Add(r.StringMap(s, "matchLabels", path + ".matchLabels"));
        }

        EnvoyClientIpDetectionInfo? detection = null;
        if (r.Object(spec, "clientIPDetection", "spec.clientIPDetection") is { } d)
        {
            var xff = r.Object(d, "xForwardedFor", "spec.clientIPDetection.xForwardedFor");
            var custom = r.Object(d, "customHeader", "spec.clientIPDetection.customHeader");
            var cidrs = ImmutableArray.CreateBuilder<string>();
            foreach (var (c, _) in r.Items(xff, "trustedCIDRs", "spec.clientIPDetection.xForwardedFor.trustedCIDRs", JsonValueKind.String))
            {
                cidrs.Add(c.GetString() ?? "");
            }

            detection = new EnvoyClientIpDetectionInfo
            {
                XForwardedFor = xff is not null,
                NumTrustedHops = r.Int(xff, "numTrustedHops", "spec.clientIPDetection.xForwardedFor.numTrustedHops"),
                TrustedCidrs = cidrs.ToImmutable(),
                DisableXForwardedForAppend = r.Bool(xff, "disableXForwardedForAppend", "spec.clientIPDetection.xForwardedFor.disableXForwardedForAppend"),
                CustomHeaderName = r.String(custom, "name", "spec.clientIPDetection.customHeader.name"),
                CustomHeaderFailClosed = r.Bool(custom, "failClosed", "spec.clientIPDetection.customHeader.failClosed"),
            };
        }

        // Envoy Gateway: "If both EnableProxyProtocol and ProxyProtocol are set, ProxyProtocol takes precedence."
        EnvoyProxyProtocolInfo? proxyProtocol = null;
        if (r.Object(spec, "proxyProtocol") is { } pp)
        {
            proxyProtocol = new EnvoyProxyProtocolInfo(r.Bool(pp, "optional", "spec.proxyProtocol.optional"), FromDeprecatedField: false);
        }
        else if (r.Bool(spec, "enableProxyProtocol", "spec.enableProxyProtocol") == true)
        {
            proxyProtocol = new EnvoyProxyProtocolInfo(null, FromDeprecatedField: true);
        }

        return new ClientTrafficPolicyInfo
        {
            Namespace = r.Namespace,
            Name = r.Name,
            TargetRefs = targets.ToImmutable(),
            TargetSelectors = selectors.ToImmutable(),
            ClientIpDetection = detection,
            ProxyProtocol = proxyProtocol,
        };
    }

    /// <summary>Envoy Gateway EnvoyProxy (gateway.envoyproxy.io/v1alpha1): spec.provider.kubernetes.envoyService.</summary>
    public static EnvoyProxyInfo ToEnvoyProxy(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var r = new JsonReader(obj, "EnvoyProxy", diagnostics);
        var service = r.Object(r.Object(r.Object(r.Object(obj, "spec"), "provider"), "kubernetes"), "envoyService");
        const string at = "spec.provider.kubernetes.envoyService";
        return new EnvoyProxyInfo
        {
            Namespace = r.Namespace,
            Name = r.Name,
            ServiceName = r.String(service, "name", at + ".name"),
            ServiceType = r.String(service, "type", at + ".type"),
            ExternalTrafficPolicy = r.String(service, "externalTrafficPolicy", at + ".externalTrafficPolicy"),
            LoadBalancerClass = r.String(service, "loadBalancerClass", at + ".loadBalancerClass"),
            ServiceAnnotations = r.StringMap(service, "annotations", at + ".annotations"),
        };
    }

    /// <summary>NGINX Gateway Fabric NginxProxy: v1alpha1 is cluster-scoped, v1alpha2 namespaced and adds spec.kubernetes.service.</summary>
    public static NginxProxyInfo ToNginxProxy(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var clusterScoped = obj.TryGetProperty("apiVersion", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == "gateway.nginx.org/v1alpha1";
        var r = new JsonReader(obj, "NginxProxy", diagnostics, clusterScoped);
        var spec = r.Object(obj, "spec", "spec");
        NginxRewriteClientIpInfo? rewrite = null;
        if (r.Object(spec, "rewriteClientIP", "spec.rewriteClientIP") is { } rc)
        {
            var addresses = ImmutableArray.CreateBuilder<NginxTrustedAddressInfo>();
            foreach (var (a, path) in r.Items(rc, "trustedAddresses", "spec.rewriteClientIP.trustedAddresses"))
            {
                addresses.Add(new NginxTrustedAddressInfo(r.String(a, "type", path + ".type") ?? "", r.String(a, "value", path + ".value") ?? ""));
            }

            rewrite = new NginxRewriteClientIpInfo
            {
                Mode = r.String(rc, "mode", "spec.rewriteClientIP.mode"),
                SetIpRecursively = r.Bool(rc, "setIPRecursively", "spec.rewriteClientIP.setIPRecursively"),
                TrustedAddresses = addresses.ToImmutable(),
            };
        }

        var service = r.Object(r.Object(spec, "kubernetes"), "service");
        return new NginxProxyInfo
        {
            Namespace = r.Namespace,
            Name = r.Name,
            RewriteClientIp = rewrite,
            ServiceType = r.String(service, "type", "spec.kubernetes.service.type"),
            ExternalTrafficPolicy = r.String(service, "externalTrafficPolicy", "spec.kubernetes.service.externalTrafficPolicy"),
        };
    }

    private static GatewayParametersRefInfo? ParametersRef(JsonReader r, JsonElement? e, string path) =>
        e is null ? null : new GatewayParametersRefInfo(r.String(e, "group", path + ".group") ?? "", r.String(e, "kind", path + ".kind") ?? "", r.String(e, "name", path + ".name") ?? "", r.String(e, "namespace", path + ".namespace"));

    private static PolicyTargetRefInfo TargetRef(JsonReader r, JsonElement e, string path) =>
        new(r.String(e, "group", path + ".group") ?? GatewayApiGroup, r.String(e, "kind", path + ".kind") ?? "", r.String(e, "name", path + ".name") ?? "", r.String(e, "sectionName", path + ".sectionName"));

    private static ImmutableArray<GatewayAddressInfo> Addresses(JsonReader r, JsonElement? parent, string path)
    {
        var builder = ImmutableArray.CreateBuilder<GatewayAddressInfo>();
        foreach (var (a, apath) in r.Items(parent, "addresses", path))
        {
            if (r.String(a, "value", apath + ".value") is { } value)
            {
                builder.Add(new GatewayAddressInfo(r.String(a, "type", apath + ".type"), value));
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>"PathPrefix /api, header x-env=canary, method GET" (HTTPRoute) or "service/method" (GRPCRoute).</summary>
    private static string DescribeMatch(JsonReader r, JsonElement m, string path)
    {
        var parts = new List<string>();
        if (r.Object(m, "path") is { } p)
        {
            parts.Add($"{r.String(p, "type", path + ".path.type") ?? "PathPrefix"} {r.String(p, "value", path + ".path.value") ?? "/"}");
        }

        foreach (var (h, hpath) in r.Items(m, "headers", path + ".headers"))
        {
            parts.Add($"header {r.String(h, "name", hpath + ".name")}={r.String(h, "value", hpath + ".value")}");
        }

        foreach (var (q, qpath) in r.Items(m, "queryParams", path + ".queryParams"))
        {
            parts.Add($"query {r.String(q, "name", qpath + ".name")}={r.String(q, "value", qpath + ".value")}");
        }

        switch (Child(m, "method"))
        {
            case { ValueKind: JsonValueKind.String } s:
                parts.Add("method " + s.GetString());
                break;
            case { ValueKind: JsonValueKind.Object } grpc:
                parts.Add($"{r.String(grpc, "service", path + ".method.service") ?? "*"}/{r.String(grpc, "method", path + ".method.method") ?? "*"}");
                break;
        }

        return parts.Count == 0 ? "PathPrefix /" : string.Join(", ", parts);
    }

    /// <summary>
    /// A generic object's metadata (name, namespace, uid, labels, annotations) plus the shared typed field reads,
    /// reporting against "Kind namespace/name" and the field path.
    /// </summary>
    private sealed class JsonReader : JsonFieldReader
    {
        public JsonReader(JsonElement obj, string kind, ICollection<SourceDiagnostic>? diagnostics, bool clusterScoped = false)
            : this(obj, kind, NameOf(obj), NamespaceOf(obj, kind, clusterScoped), diagnostics)
        {
        }

        private JsonReader(JsonElement obj, string kind, string name, string ns, ICollection<SourceDiagnostic>? diagnostics)
            : base(diagnostics, ns.Length == 0 ? $"{kind} {name}" : $"{kind} {ns}/{name}")
        {
            var meta = Child(obj, "metadata");
            Name = name;
            Namespace = ns;
            Uid = Child(meta, "uid") is { ValueKind: JsonValueKind.String } u ? u.GetString() ?? "" : "";
            Labels = StringMap(meta, "labels", "metadata.labels");
            Annotations = StringMap(meta, "annotations", "metadata.annotations");
        }

        public string Name { get; }
        public string Namespace { get; }
        public string Uid { get; }
        public ImmutableDictionary<string, string> Labels { get; }
        public ImmutableDictionary<string, string> Annotations { get; }

        private static string NameOf(JsonElement obj) =>
            Child(Child(obj, "metadata"), "name") is { ValueKind: JsonValueKind.String } n ? n.GetString() ?? "" : "";

        // GatewayClass is cluster-scoped whatever the caller says; namespaced objects without a namespace (manifests) land in "default".
        private static string NamespaceOf(JsonElement obj, string kind, bool clusterScoped) =>
            clusterScoped || kind == "GatewayClass" ? ""
            : Child(Child(obj, "metadata"), "namespace") is { ValueKind: JsonValueKind.String } ns && ns.GetString() is { Length: > 0 } nsName ? nsName : "default";
    }
}
