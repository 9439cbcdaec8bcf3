using System.Collections.Immutable;
using ClusterNet.Core.Model;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

/// <summary>
/// Pure mapping from KubernetesClient model objects to ClusterNet.Core records. Called once per watch event
/// and once per manifest object, so it avoids LINQ and intermediate lists. Problems (a port that is neither
/// a number nor a name, an unknown enum value) never throw: they are added to <c>diagnostics</c> when given
/// and the value is kept as written.
/// </summary>
public static partial class KubeModelMapper
{
    internal const string Warning = "warning";
    internal const string Error = "error";

    private static ImmutableDictionary<string, string> Map(IDictionary<string, string>? source) =>
        source is null || source.Count == 0 ? LabelMap.Empty : LabelMap.Empty.SetItems(source);

    /// <summary>
    /// kubectl apply keeps the whole previous manifest in this annotation, literal env values included; no analyzer
    /// reads it, and <c>/api/pods</c> would hand it to every viewer.
    /// </summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Annotations without <see cref="LastAppliedAnnotation"/>.</summary>
    private static ImmutableDictionary<string, string> MapAnnotations(IDictionary<string, string>? source) =>
        source is null || source.Count == 0
            ? LabelMap.Empty
            : source.ContainsKey(LastAppliedAnnotation)
                ? LabelMap.Empty.SetItems(source.Where(a => a.Key != LastAppliedAnnotation))
                : LabelMap.Empty.SetItems(source);

    private static ImmutableArray<string> Strings(IList<string>? source)
    {
        if (source is null || source.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>(source.Count);
        foreach (var s in source)
        {
            builder.Add(s ?? "");
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Null stays null (absent), an empty list stays empty: NetworkPolicy semantics depend on it.</summary>
    private static ImmutableArray<string>? OptionalStrings(IList<string>? source) => source is null ? null : Strings(source);

    private static string Describe(string kind, V1ObjectMeta? meta)
    {
        var ns = meta?.NamespaceProperty;
        var name = meta?.Name ?? "?";
        return string.IsNullOrEmpty(ns) ? $"{kind} {name}" : $"{kind} {ns}/{name}";
    }

    private static void Report(ICollection<SourceDiagnostic>? diagnostics, string severity, string kind, V1ObjectMeta? meta, string field, string message) =>
        diagnostics?.Add(new SourceDiagnostic(severity, message, Object: Describe(kind, meta), Field: field));

    private static LabelSelector Selector(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return LabelSelector.Everything;
        }

        var labels = Map(selector.MatchLabels);
        var expressions = selector.MatchExpressions;
        if (labels.Count == 0 && (expressions is null || expressions.Count == 0))
        {
            return LabelSelector.Everything;
        }

        ImmutableArray<LabelSelectorRequirement> requirements = [];
        if (expressions is { Count: > 0 })
        {
            var builder = ImmutableArray.CreateBuilder<LabelSelectorRequirement>(expressions.Count);
            foreach (var e in expressions)
            {
                builder.Add(new LabelSelectorRequirement(e.Key ?? "", e.OperatorProperty ?? "", Strings(e.Values)));
            }

            requirements = builder.MoveToImmutable();
        }

        return new LabelSelector { MatchLabels = labels, MatchExpressions = requirements };
    }

    private static OwnerRef? ControllerOwner(V1ObjectMeta? meta)
    {
        var owners = meta?.OwnerReferences;
        if (owners is null || owners.Count == 0)
        {
            return null;
        }

        foreach (var o in owners)
        {
            if (o.Controller == true)
            {
                return new OwnerRef(o.Kind ?? "", o.Name ?? "");
            }
        }

        // Hand-written manifests often omit controller: true; the first owner is the best guess.
        return new OwnerRef(owners[0].Kind ?? "", owners[0].Name ?? "");
    }

    private static ImmutableArray<LoadBalancerIngressInfo> LoadBalancer(IList<V1LoadBalancerIngress>? ingress)
    {
        if (ingress is null || ingress.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<LoadBalancerIngressInfo>(ingress.Count);
        foreach (var i in ingress)
        {
            builder.Add(new LoadBalancerIngressInfo(i.Ip, i.Hostname));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>An IANA_SVC_NAME as Kubernetes validates port names: 1-15 chars, lower-case alphanumerics and '-', at least one letter, no leading/trailing/double '-'.</summary>
    internal static bool IsPortName(string value)
    {
        if (value.Length is 0 or > 15 || value[0] == '-' || value[^1] == '-')
        {
            return false;
        }

        var hasLetter = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= 'a' and <= 'z')
            {
                hasLetter = true;
            }
            else if (c == '-')
            {
                if (value[i - 1] == '-')
                {
                    return false;
                }
            }
            else if (c is not (>= '0' and <= '9'))
            {
                return false;
            }
        }

        return hasLetter;
    }

    /// <summary>Checks an int-or-string port as written; returns it unchanged and reports when it is neither a valid number nor a valid name.</summary>
    private static string? PortValue(IntOrString? port, ICollection<SourceDiagnostic>? diagnostics, string kind, V1ObjectMeta? meta, string field)
    {
        var value = port?.Value;
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            if (number is < 1 or > 65535)
            {
                Report(diagnostics, Warning, kind, meta, field, $"port {value} is outside 1-65535");
            }
        }
        else if (!IsPortName(value))
        {
            Report(diagnostics, Warning, kind, meta, field, $"port \"{value}\" is neither a number nor a valid port name (lower-case letters, digits and '-', at most 15 characters)");
        }

        return value;
    }

    private static string Protocol(string? protocol) => string.IsNullOrEmpty(protocol) ? "TCP" : protocol;
}
