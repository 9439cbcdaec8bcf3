using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Calico;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    /// <summary>The API groups Calico's policy kinds come from: the Calico API server's, and the CRDs' storage group.</summary>
    public static bool IsCalicoGroup(string group) => group is "projectcalico.org" or "crd.projectcalico.org";

    /// <summary>
    /// Calico NetworkPolicy or GlobalNetworkPolicy (projectcalico.org/v3 or crd.projectcalico.org/v1, same spec): tier, order,
    /// selectors (checked against Calico's selector language, errors with their position), types, rules. Host-endpoint
    /// features (preDNAT, applyOnForward, doNotTrack) and rule fields the engine does not evaluate (http, services, domains)
    /// are kept on the record and reported as not modelled, never dropped silently.
    /// </summary>
    public static CalicoPolicyInfo ToCalicoPolicy(JsonElement obj, CalicoPolicyKind kind, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var name = Name(obj);
        var global = kind == CalicoPolicyKind.GlobalNetworkPolicy;
        var ns = global ? "" : Child(Child(obj, "metadata"), "namespace") is { ValueKind: JsonValueKind.String } n && n.GetString() is { Length: > 0 } s ? s : "default";
        var r = new CalicoReader(diagnostics, global ? $"GlobalNetworkPolicy {name}" : $"NetworkPolicy {ns}/{name}");
        var spec = Child(obj, "spec");
        if (!global && Child(spec, "namespaceSelector") is not null)
        {
            r.Warn("spec.namespaceSelector", "a Calico NetworkPolicy applies to its own namespace only; namespaceSelector belongs to GlobalNetworkPolicy and is ignored");
        }

        var features = ImmutableArray.CreateBuilder<string>();
        foreach (var feature in new[] { "preDNAT", "applyOnForward", "doNotTrack" })
        {
            if (r.Bool(spec, feature, "spec." + feature) == true)
            {
                features.Add(feature);
                r.Warn("spec." + feature, feature == "applyOnForward"
                    ? "applyOnForward changes how this policy applies at host endpoints, which ClusterNet does not model; pods are judged by it as written"
                    : $"{feature} makes this a host-endpoint policy, which Calico never applies to pods; host endpoints are not modelled, so it is left out of every verdict");
            }
        }

        var tier = r.StringOrNumber(spec, "tier", "spec.tier");
        return new CalicoPolicyInfo
        {
            Kind = kind,
            Namespace = ns,
            Name = name,
            Tier = string.IsNullOrEmpty(tier) ? "default" : tier,
            Order = r.Order(spec),
            Selector = r.Selector(spec, "selector", "spec.selector"),
            NamespaceSelector = global ? r.Selector(spec, "namespaceSelector", "spec.namespaceSelector") : null,
            ServiceAccountSelector = r.Selector(spec, "serviceAccountSelector", "spec.serviceAccountSelector"),
            Types = r.Types(spec),
            Ingress = r.Rules(spec, "ingress"),
            Egress = r.Rules(spec, "egress"),
            HostEndpointFeatures = features.ToImmutable(),
        };
    }

    /// <summary>Calico Tier: spec.order and spec.defaultAction (Deny when absent; Pass is the other value Calico accepts).</summary>
    public static CalicoTierInfo ToCalicoTier(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var name = Name(obj);
        var r = new CalicoReader(diagnostics, $"Tier {name}");
        var spec = Child(obj, "spec");
        var action = CalicoRuleAction.Deny;
        if (r.StringOrNumber(spec, "defaultAction", "spec.defaultAction") is { } text)
        {
            if (Enum.TryParse<CalicoRuleAction>(text, ignoreCase: true, out var a) && a is CalicoRuleAction.Deny or CalicoRuleAction.Pass)
            {
                action = a;
            }
            else
            {
                r.Warn("spec.defaultAction", $"defaultAction \"{text}\" is not Deny or Pass; Deny assumed");
            }
        }

        return new CalicoTierInfo { Name = name, Order = r.Order(spec), DefaultAction = action };
    }

    public static CalicoPolicyInfo ToCalicoPolicy(IDictionary<string, object?> obj, CalicoPolicyKind kind, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToCalicoPolicy(JsonSerializer.SerializeToElement(obj), kind, diagnostics);

    public static CalicoTierInfo ToCalicoTier(IDictionary<string, object?> obj, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToCalicoTier(JsonSerializer.SerializeToElement(obj), diagnostics);

    /// <summary>
    /// The shared field reads plus Calico's own: selectors checked against its language, types, rules, entities, nets
    /// and ports. Calico's string fields may hold numbers (protocol 6) but never booleans, hence <see cref="JsonFieldReader.StringOrNumber"/>.
    /// </summary>
    private sealed class CalicoReader(ICollection<SourceDiagnostic>? diagnostics, string what) : JsonFieldReader(diagnostics, what)
    {
        /// <summary>spec.order of a policy or tier; a bad one sorts last, as no order does.</summary>
        public double? Order(JsonElement? spec) => Number(spec, "order", "spec.order", "ignored (the policy sorts last, as with no order)");

        /// <summary>A selector as written, checked against the selector language; a bad one is kept (the engine matches nothing with it) and reported.</summary>
        public string? Selector(JsonElement? parent, string name, string field)
        {
            var text = StringOrNumber(parent, name, field);
            if (text is not null && CalicoSelectorParser.TryParse(text, out var error) is null)
            {
                Fail(field, $"{error!.Message}; it matches nothing here (the Calico API server would reject it)");
            }

            return text;
        }

        public ImmutableArray<string>? Types(JsonElement? spec)
        {
            if (Child(spec, "types") is null)
            {
                return null;
            }

            var types = ImmutableArray.CreateBuilder<string>();
            var written = Strings(spec, "types", "spec.types");
            for (var i = 0; i < written.Length; i++)
            {
                var t = written[i];
                if (t.Equals("Ingress", StringComparison.OrdinalIgnoreCase) || t.Equals("Egress", StringComparison.OrdinalIgnoreCase))
                {
                    types.Add(char.ToUpperInvariant(t[0]) + t[1..].ToLowerInvariant());
                }
                else
                {
                    Warn($"spec.types[{i}]", $"type \"{t}\" is not Ingress or Egress; ignored");
                }
            }

            return types.ToImmutable();
        }

        public ImmutableArray<CalicoRuleInfo> Rules(JsonElement? spec, string direction)
        {
            var field = "spec." + direction;
            switch (Child(spec, direction))
            {
                case null:
                    return [];
                case { ValueKind: JsonValueKind.Array } a:
                {
                    var rules = ImmutableArray.CreateBuilder<CalicoRuleInfo>();
                    var i = 0;
                    foreach (var item in a.EnumerateArray())
                    {
                        if (Rule(item, $"{field}[{i}]") is { } rule)
                        {
                            rules.Add(rule);
                        }

                        i++;
                    }

                    return rules.ToImmutable();
                }

                case { } other:
                    Fail(field, $"expected a list of rules, found {Describe(other)}; no {direction} rules read");
                    return [];
            }
        }

        private CalicoRuleInfo? Rule(JsonElement rule, string field)
        {
            if (rule.ValueKind != JsonValueKind.Object)
            {
                Fail(field, $"expected a rule object, found {Describe(rule)}; rule skipped");
                return null;
            }

            var actionText = StringOrNumber(rule, "action", field + ".action");
            if (actionText is null || !Enum.TryParse<CalicoRuleAction>(actionText, ignoreCase: true, out var action) || !Enum.IsDefined(action))
            {
                Fail(field + ".action", actionText is null
                    ? "a Calico rule needs an action (Allow, Deny, Pass or Log); rule skipped, so later rules of the policy move up"
                    : $"action \"{actionText}\" is not Allow, Deny, Pass or Log; rule skipped, so later rules of the policy move up");
                return null;
            }

            var unmodelled = ImmutableArray.CreateBuilder<string>();
            if (Child(rule, "http") is not null)
            {
                unmodelled.Add("http");
                Warn(field + ".http", "HTTP match criteria need Calico's application layer and are not modelled: the rule is evaluated as if they matched, and verdicts that rest on it say so");
            }

            return new CalicoRuleInfo
            {
                Action = action,
                Protocol = StringOrNumber(rule, "protocol", field + ".protocol"),
                NotProtocol = StringOrNumber(rule, "notProtocol", field + ".notProtocol"),
                Source = Entity(Child(rule, "source"), field + ".source"),
                Destination = Entity(Child(rule, "destination"), field + ".destination"),
                Unmodelled = unmodelled.ToImmutable(),
            };
        }

        private CalicoEntityRuleInfo Entity(JsonElement? entity, string field)
        {
            if (entity is null)
            {
                return CalicoEntityRuleInfo.Any;
            }

            if (entity.Value.ValueKind != JsonValueKind.Object)
            {
                Fail(field, $"expected an object, found {Describe(entity.Value)}; read as matching every peer");
                return CalicoEntityRuleInfo.Any;
            }

            var unmodelled = ImmutableArray.CreateBuilder<string>();
            foreach (var name in new[] { "services", "domains" })
            {
                if (Child(entity, name) is not null)
                {
                    unmodelled.Add(name);
                    Warn($"{field}.{name}", $"{name} match criteria are not modelled: the rule is evaluated without them, and verdicts that rest on it say so");
                }
            }

            var sa = Child(entity, "serviceAccounts");
            return new CalicoEntityRuleInfo
            {
                Selector = Selector(entity, "selector", field + ".selector"),
                NotSelector = Selector(entity, "notSelector", field + ".notSelector"),
                NamespaceSelector = Selector(entity, "namespaceSelector", field + ".namespaceSelector"),
                ServiceAccountNames = Strings(sa, "names", field + ".serviceAccounts.names"),
                ServiceAccountSelector = Selector(sa, "selector", field + ".serviceAccounts.selector"),
                Nets = Nets(entity, "nets", field).AddRange(StringOrNumber(entity, "net", field + ".net") is { } net ? [net] : Array.Empty<string>()),
                NotNets = Nets(entity, "notNets", field).AddRange(StringOrNumber(entity, "notNet", field + ".notNet") is { } notNet ? [notNet] : Array.Empty<string>()),
                Ports = Ports(entity, "ports", field + ".ports"),
                NotPorts = Ports(entity, "notPorts", field + ".notPorts"),
                Unmodelled = unmodelled.ToImmutable(),
            };
        }

        public ImmutableArray<string> Nets(JsonElement? entity, string name, string field)
        {
            var nets = Strings(entity, name, $"{field}.{name}");
            for (var i = 0; i < nets.Length; i++)
            {
                if (!CalicoNet.IsValid(nets[i]))
                {
                    Fail($"{field}.{name}[{i}]", $"\"{nets[i]}\" is not a CIDR or IP address; it matches nothing here");
                }
            }

            return nets;
        }

        private ImmutableArray<CalicoPortInfo> Ports(JsonElement? entity, string name, string field)
        {
            switch (Child(entity, name))
            {
                case null:
                    return [];
                case { ValueKind: JsonValueKind.Array } a:
                {
                    var ports = ImmutableArray.CreateBuilder<CalicoPortInfo>();
                    var i = 0;
                    foreach (var item in a.EnumerateArray())
                    {
                        if (Port(item) is { } port)
                        {
                            ports.Add(port);
                        }
                        else
                        {
                            Fail($"{field}[{i}]", $"{Describe(item)} is not a port (1-65535), a range \"first:last\" or a port name; ignored");
                        }

                        i++;
                    }

                    return ports.ToImmutable();
                }

                case { } other:
                    Fail(field, $"expected a list of ports, found {Describe(other)}; ignored");
                    return [];
            }
        }

        private static CalicoPortInfo? Port(JsonElement item)
        {
            if (item.ValueKind == JsonValueKind.Number)
            {
                return item.TryGetInt32(out var p) && p is >= 0 and <= 65535 ? CalicoPortInfo.Number(p) : null;
            }

            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text)
            {
                return null;
            }

            var colon = text.IndexOf(':');
            if (colon < 0)
            {
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
                {
                    return single <= 65535 ? CalicoPortInfo.Number(single) : null;
                }

                // A named port: letters, digits and '-' as a container port name allows.
                return text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? CalicoPortInfo.Named(text) : null;
            }

            return int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                && first <= last && last <= 65535
                ? new CalicoPortInfo(first, last)
                : null;
        }
    }
}
