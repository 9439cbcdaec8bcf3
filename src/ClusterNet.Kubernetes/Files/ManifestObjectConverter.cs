using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using k8s;
using k8s.Models;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Turns one manifest object (a mapping with apiVersion and kind) into a model record. A field of the wrong type
/// is reported with its line and dropped, and the object is read again without it, so one bad field never costs
/// the whole object; a plain scalar where the API wants a string (labels: {version: 1}) is read as that string.
/// </summary>
internal sealed partial class ManifestObjectConverter(string file, int document, ICollection<SourceDiagnostic> diagnostics)
{
    private const int MaxAttempts = 64;

    private readonly List<string> _droppedFields = [];

    /// <summary>Kinds ClusterNet reads, by API group (empty for core) and kind. Versions of a group share a shape for the fields used.</summary>
    public static bool IsSupported(string group, string kind) => (group, kind) switch
    {
        ("", "Node" or "Namespace" or "Pod" or "Service" or "Endpoints" or "ConfigMap" or "ServiceAccount") => true,
        ("discovery.k8s.io", "EndpointSlice") => true,
        ("networking.k8s.io", "NetworkPolicy" or "Ingress" or "IngressClass") => true,
        ("extensions", "NetworkPolicy" or "Ingress" or "DaemonSet" or "Deployment") => true,
        ("apps", "DaemonSet" or "Deployment" or "StatefulSet") => true,
        ("crd.projectcalico.org" or "projectcalico.org", "IPPool" or "BGPConfiguration") => true,
        ("crd.projectcalico.org" or "projectcalico.org", "NetworkPolicy" or "GlobalNetworkPolicy" or "Tier" or "HostEndpoint" or "NetworkSet" or "GlobalNetworkSet") => true,
        ("gateway.networking.k8s.io", "GatewayClass" or "Gateway" or "HTTPRoute" or "GRPCRoute" or "TLSRoute" or "TCPRoute" or "UDPRoute" or "ReferenceGrant") => true,
        ("gateway.envoyproxy.io", "ClientTrafficPolicy" or "EnvoyProxy") => true,
        ("gateway.nginx.org", "NginxProxy") => true,
        ("policy.networking.k8s.io", "ClusterNetworkPolicy" or "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy") => true,
        ("operator.tigera.io", "Installation") => true,
        ("k8s.cni.cncf.io", "NetworkAttachmentDefinition" or "MultiNetworkPolicy") => true,
        _ => false,
    };

    public static bool IsClusterScoped(string kind) => kind is "Node" or "Namespace" or "IngressClass" or "IPPool" or "BGPConfiguration" or "GatewayClass"
        or "GlobalNetworkPolicy" or "Tier" or "HostEndpoint" or "GlobalNetworkSet"
        or "ClusterNetworkPolicy" or "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy" or "Installation";

    public IClusterObject? Convert(ManifestMapping obj, string group, string version, string kind, string objectName)
    {
        var writer = new ManifestJsonWriter();
        Rewrite(obj, group, version, kind);
        var mapperDiagnostics = new List<SourceDiagnostic>();
        IClusterObject? result = KubeModelMapper.IsCalicoGroup(group) && kind is "NetworkPolicy" or "GlobalNetworkPolicy" or "Tier" or "HostEndpoint" or "NetworkSet" or "GlobalNetworkSet"
            ? ConvertCalicoPolicyKind(obj, writer, kind, objectName, mapperDiagnostics)
            : kind switch
        {
            "Node" => Read<V1Node>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(v, mapperDiagnostics) : null,
            "Namespace" => Read<V1Namespace>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(v, mapperDiagnostics) : null,
            "Pod" => Read<V1Pod>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "Service" => Read<V1Service>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "Endpoints" => Read<V1Endpoints>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "EndpointSlice" => Read<V1EndpointSlice>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "ServiceAccount" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToServiceAccount(e, mapperDiagnostics) : null,
            "ConfigMap" => Read<V1ConfigMap>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "NetworkPolicy" => Read<V1NetworkPolicy>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "Ingress" => Read<V1Ingress>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "IngressClass" => Read<V1IngressClass>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(v, mapperDiagnostics) : null,
            "DaemonSet" => Read<V1DaemonSet>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "Deployment" => Read<V1Deployment>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "StatefulSet" => Read<V1StatefulSet>(obj, writer, objectName) is { } v ? KubeModelMapper.ToModel(Namespaced(v, v.Metadata), mapperDiagnostics) : null,
            "IPPool" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToIpPool(e, mapperDiagnostics) : null,
            "BGPConfiguration" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToBgpConfiguration(e, mapperDiagnostics) : null,
            "GatewayClass" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToGatewayClass(e, mapperDiagnostics) : null,
            "Gateway" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToGateway(e, mapperDiagnostics) : null,
            "HTTPRoute" or "GRPCRoute" or "TLSRoute" or "TCPRoute" or "UDPRoute" => ReadElement(obj, writer) is { } e
                ? KubeModelMapper.ToGatewayRoute(e, GatewayRouteKinds.Parse(kind)!.Value, mapperDiagnostics) : null,
            "ReferenceGrant" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToReferenceGrant(e, mapperDiagnostics) : null,
            "ClientTrafficPolicy" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToClientTrafficPolicy(e, mapperDiagnostics) : null,
            "EnvoyProxy" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToEnvoyProxy(e, mapperDiagnostics) : null,
            "NginxProxy" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToNginxProxy(e, mapperDiagnostics) : null,
            "ClusterNetworkPolicy" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToClusterNetworkPolicy(e, mapperDiagnostics) : null,
            "AdminNetworkPolicy" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToAdminNetworkPolicy(e, mapperDiagnostics) : null,
            "BaselineAdminNetworkPolicy" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToBaselineAdminNetworkPolicy(e, mapperDiagnostics) : null,
            "Installation" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToInstallation(e, mapperDiagnostics) : null,
            "NetworkAttachmentDefinition" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToNetworkAttachmentDefinition(e, mapperDiagnostics) : null,
            "MultiNetworkPolicy" => ReadElement(obj, writer) is { } e ? KubeModelMapper.ToMultiNetworkPolicy(e, mapperDiagnostics) : null,
            _ => null,
        };

        // The mapper names fields relative to the object; give each its file, document and line.
        foreach (var d in mapperDiagnostics)
        {
            // A dropped field reads as its default (containerPort 0); that is already reported as the real problem.
            if (d.Field is { } f && _droppedFields.Exists(dropped => f == dropped || f.StartsWith(dropped + ".", StringComparison.Ordinal) || f.StartsWith(dropped + "[", StringComparison.Ordinal)))
            {
                continue;
            }

            var (node, _, _) = writer.Resolve(obj, d.Field);
            diagnostics.Add(d with { File = file, Document = document, Line = node.Line, Column = node.Column, Object = d.Object ?? objectName });
        }

        return result;
    }

    /// <summary>Calico's policy kinds (the group decides: a Kubernetes NetworkPolicy has the same kind name).</summary>
    private IClusterObject? ConvertCalicoPolicyKind(ManifestMapping obj, ManifestJsonWriter writer, string kind, string objectName, List<SourceDiagnostic> mapperDiagnostics)
    {
        if (kind == "HostEndpoint")
        {
            mapperDiagnostics.Add(new SourceDiagnostic(SourceDiagnostic.Warning,
                "HostEndpoint is not modelled: Calico policy on host interfaces (and preDNAT/applyOnForward/doNotTrack policies) is not evaluated; pod-to-pod verdicts are unaffected",
                Object: objectName));
            return null;
        }

        return ReadElement(obj, writer) is not { } e ? null : kind switch
        {
            "Tier" => KubeModelMapper.ToCalicoTier(e, mapperDiagnostics),
            "NetworkSet" => KubeModelMapper.ToCalicoNetworkSet(e, CalicoNetworkSetKind.NetworkSet, mapperDiagnostics),
            "GlobalNetworkSet" => KubeModelMapper.ToCalicoNetworkSet(e, CalicoNetworkSetKind.GlobalNetworkSet, mapperDiagnostics),
            "GlobalNetworkPolicy" => KubeModelMapper.ToCalicoPolicy(e, CalicoPolicyKind.GlobalNetworkPolicy, mapperDiagnostics),
            _ => KubeModelMapper.ToCalicoPolicy(e, CalicoPolicyKind.NetworkPolicy, mapperDiagnostics),
        };
    }

    /// <summary>Manifests without metadata.namespace land in "default", as kubectl apply would put them.</summary>
    private static T Namespaced<T>(T value, V1ObjectMeta? meta)
    {
        if (meta is not null && string.IsNullOrEmpty(meta.NamespaceProperty))
        {
            meta.NamespaceProperty = "default";
        }

        return value;
    }

    private T? Read<T>(ManifestMapping obj, ManifestJsonWriter writer, string objectName) where T : class
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var json = writer.Write(obj);
            try
            {
                using var stream = new MemoryStream(json, writable: false);
                return KubernetesJson.Deserialize<T>(stream);
            }
            catch (JsonException ex)
            {
                var (node, field, _) = writer.Resolve(obj, ex.Path);
                var expected = Expected(ex.Message);
                if (node is ManifestScalar { Kind: ManifestScalarKind.Plain } scalar && expected == "a string" && writer.AsString.Add(scalar))
                {
                    continue;
                }

                if (ReferenceEquals(node, obj) || field.Length == 0)
                {
                    Error($"could not read the object: expected {expected ?? "a valid value"}: {CleanMessage(ex.Message)}", obj, objectName, null);
                    return null;
                }

                Error($"expected {expected ?? "a different value"}, found {node.Describe()}; field ignored", node, objectName, field);
                writer.Removed.Add(node);
                _droppedFields.Add(field);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or OverflowException or NotSupportedException)
            {
                // Converters for dates and quantities throw without a JSON path; the object cannot be located more precisely.
                Error("could not read the object: " + ex.Message, obj, objectName, null);
                return null;
            }
        }

        Error($"too many invalid fields (more than {MaxAttempts}); object skipped", obj, objectName, null);
        return null;
    }

    private static JsonElement? ReadElement(ManifestMapping obj, ManifestJsonWriter writer)
    {
        using var doc = JsonDocument.Parse(writer.Write(obj));
        return doc.RootElement.Clone();
    }

    private void Error(string message, ManifestNode node, string objectName, string? field) =>
        diagnostics.Add(new SourceDiagnostic("error", message, file, document, node.Line, node.Column, objectName, field));

    /// <summary>"The JSON value could not be converted to System.Nullable`1[System.Int32]" → "an integer".</summary>
    private static string? Expected(string message)
    {
        var match = ConvertedTo().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var type = match.Groups[1].Value;
        if (type.Contains("IList", StringComparison.Ordinal) || type.Contains("List`1", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal))
        {
            return "a list";
        }

        if (type.Contains("IDictionary", StringComparison.Ordinal) || type.Contains("Dictionary`2", StringComparison.Ordinal))
        {
            return "a map of strings";
        }

        if (type.Contains("System.Int", StringComparison.Ordinal) || type.Contains("System.UInt", StringComparison.Ordinal))
        {
            return "an integer";
        }

        if (type.Contains("System.Double", StringComparison.Ordinal) || type.Contains("System.Single", StringComparison.Ordinal) || type.Contains("System.Decimal", StringComparison.Ordinal))
        {
            return "a number";
        }

        if (type.Contains("System.Boolean", StringComparison.Ordinal))
        {
            return "true or false";
        }

        if (type.Contains("System.DateTime", StringComparison.Ordinal))
        {
            return "a timestamp";
        }

        if (type == "System.String")
        {
            return "a string";
        }

        if (type.Contains("IntOrString", StringComparison.Ordinal))
        {
            return "a number or a name";
        }

        return type.StartsWith("k8s.Models.", StringComparison.Ordinal) ? $"an object ({type["k8s.Models.".Length..]})" : type;
    }

    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.?\s+Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    /// <summary>Older API versions KubernetesClient has no types for are reshaped into the v1 form for the fields ClusterNet reads.</summary>
    private static void Rewrite(ManifestMapping obj, string group, string version, string kind)
    {
        if (kind == "EndpointSlice" && version == "v1beta1" && obj.Get("endpoints") is ManifestSequence endpoints)
        {
            // v1beta1 "topology" became "deprecatedTopology" in v1; the mapper falls back to its kubernetes.io/hostname.
            foreach (var e in endpoints.Items)
            {
                if (e is ManifestMapping endpoint && endpoint.Get("topology") is { } topology && endpoint.Get("deprecatedTopology") is null)
                {
                    endpoint.Set("deprecatedTopology", topology, topology.Line, topology.Column);
                    endpoint.Remove("topology");
                }
            }
        }

        if (kind == "Ingress" && version == "v1beta1" && obj.Get("spec") is ManifestMapping spec)
        {
            if (spec.Get("backend") is ManifestMapping defaultBackend && spec.Get("defaultBackend") is null)
            {
                spec.Remove("backend");
                spec.Set("defaultBackend", BetaBackend(defaultBackend), defaultBackend.Line, defaultBackend.Column);
            }

            if (spec.Get("rules") is ManifestSequence rules)
            {
                foreach (var rule in rules.Items)
                {
                    if (rule is ManifestMapping r && r.Get("http") is ManifestMapping http && http.Get("paths") is ManifestSequence paths)
                    {
                        foreach (var p in paths.Items)
                        {
                            if (p is ManifestMapping path && path.Get("backend") is ManifestMapping backend)
                            {
                                path.Set("backend", BetaBackend(backend), backend.Line, backend.Column);
                            }
                        }
                    }
                }
            }
        }

        _ = group;
    }

    /// <summary>{serviceName, servicePort} → {service: {name, port: {number | name}}}.</summary>
    private static ManifestMapping BetaBackend(ManifestMapping backend)
    {
        if (backend.Get("serviceName") is not { } name)
        {
            return backend;
        }

        var service = new ManifestMapping(backend.Line, backend.Column);
        service.Add(new ManifestEntry("name", name, name.Line, name.Column));
        if (backend.Get("servicePort") is { } port)
        {
            var portMapping = new ManifestMapping(port.Line, port.Column);
            var isNumber = port is ManifestScalar { Kind: ManifestScalarKind.Plain } s && ManifestScalarTyping.TryInteger(s.Value, out _);
            portMapping.Add(new ManifestEntry(isNumber ? "number" : "name", port, port.Line, port.Column));
            service.Add(new ManifestEntry("port", portMapping, port.Line, port.Column));
        }

        var result = new ManifestMapping(backend.Line, backend.Column);
        result.Add(new ManifestEntry("service", service, backend.Line, backend.Column));
        if (backend.Get("resource") is { } resource)
        {
            result.Add(new ManifestEntry("resource", resource, resource.Line, resource.Column));
        }

        return result;
    }
}
