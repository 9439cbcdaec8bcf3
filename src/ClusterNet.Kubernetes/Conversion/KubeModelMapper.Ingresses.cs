using System.Collections.Immutable;
using ClusterNet.Core.Model;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    public const string IngressClassAnnotation = "kubernetes.io/ingress.class";
    public const string DefaultIngressClassAnnotation = "ingressclass.kubernetes.io/is-default-class";

    /// <summary>networking.k8s.io/v1 Ingress; the class comes from spec.ingressClassName, else the legacy annotation.</summary>
    public static IngressInfo ToModel(V1Ingress ingress, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        var meta = ingress.Metadata;
        var spec = ingress.Spec;
        var className = NullIfEmpty(spec?.IngressClassName);
        if (className is null && meta?.Annotations is { } annotations && annotations.TryGetValue(IngressClassAnnotation, out var annotated))
        {
            className = NullIfEmpty(annotated);
        }

        var rules = ImmutableArray<IngressRuleInfo>.Empty;
        if (spec?.Rules is { Count: > 0 } specRules)
        {
            var builder = ImmutableArray.CreateBuilder<IngressRuleInfo>(specRules.Count);
            for (var i = 0; i < specRules.Count; i++)
            {
                var rule = specRules[i];
                var paths = ImmutableArray<IngressPathInfo>.Empty;
                if (rule.Http?.Paths is { Count: > 0 } httpPaths)
                {
                    var pathBuilder = ImmutableArray.CreateBuilder<IngressPathInfo>(httpPaths.Count);
                    for (var j = 0; j < httpPaths.Count; j++)
                    {
                        var p = httpPaths[j];
                        pathBuilder.Add(Backend(p.Backend, p.Path, p.PathType, diagnostics, meta, $"spec.rules[{i}].http.paths[{j}].backend"));
                    }

                    paths = pathBuilder.MoveToImmutable();
                }

                builder.Add(new IngressRuleInfo(NullIfEmpty(rule.Host), paths));
            }

            rules = builder.MoveToImmutable();
        }

        var tlsHosts = ImmutableArray<string>.Empty;
        if (spec?.Tls is { Count: > 0 } tls)
        {
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var t in tls)
            {
                if (t.Hosts is not null)
                {
                    foreach (var h in t.Hosts)
                    {
                        builder.Add(h);
                    }
                }
            }

            tlsHosts = builder.DrainToImmutable();
        }

        var lb = ImmutableArray<LoadBalancerIngressInfo>.Empty;
        if (ingress.Status?.LoadBalancer?.Ingress is { Count: > 0 } lbIngress)
        {
            var builder = ImmutableArray.CreateBuilder<LoadBalancerIngressInfo>(lbIngress.Count);
            foreach (var i in lbIngress)
            {
                builder.Add(new LoadBalancerIngressInfo(i.Ip, i.Hostname));
            }

            lb = builder.MoveToImmutable();
        }

        return new IngressInfo
        {
            Namespace = meta?.NamespaceProperty ?? "",
            Name = meta?.Name ?? "",
            Uid = meta?.Uid ?? "",
            Labels = Map(meta?.Labels),
            Annotations = MapAnnotations(meta?.Annotations),
            IngressClassName = className,
            Rules = rules,
            DefaultBackend = spec?.DefaultBackend is null ? null : Backend(spec.DefaultBackend, null, null, diagnostics, meta, "spec.defaultBackend"),
            TlsHosts = tlsHosts,
            LoadBalancerIngress = lb,
        };
    }

    private static IngressPathInfo Backend(V1IngressBackend? backend, string? path, string? pathType, ICollection<SourceDiagnostic>? diagnostics, V1ObjectMeta? meta, string field)
    {
        var service = backend?.Service;
        string? port = null;
        if (service?.Port is { } p)
        {
            port = p.Number is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : NullIfEmpty(p.Name);
        }

        if (service is null && backend?.Resource is null)
        {
            Report(diagnostics, Warning, "Ingress", meta, field, "backend names neither a service nor a resource");
        }
        else if (service is not null && port is null)
        {
            Report(diagnostics, Warning, "Ingress", meta, field + ".service.port", "service backend has no port number or name");
        }

        return new IngressPathInfo(NullIfEmpty(path), NullIfEmpty(pathType), NullIfEmpty(service?.Name), port);
    }

    public static IngressClassInfo ToModel(V1IngressClass ingressClass, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(ingressClass);
        _ = diagnostics;
        var isDefault = ingressClass.Metadata?.Annotations is { } a && a.TryGetValue(DefaultIngressClassAnnotation, out var v)
            && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);
        return new IngressClassInfo(ingressClass.Metadata?.Name ?? "", ingressClass.Spec?.Controller ?? "", isDefault);
    }
}
