using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Conversion;

/// <summary>
/// policy.networking.k8s.io cluster policies: ClusterNetworkPolicy (v1alpha2, network-policy-api v0.2.0) and
/// AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1). Read from JSON (KubernetesClient has no types for them).
/// What the API server's validation would reject (priority outside 0–1000, an unknown action, a bad CIDR, a
/// subject or peer with nothing set) is reported as an error naming the object and field; the object still loads
/// with that part ignored, so one typo never hides the rest of the policy.
/// </summary>
public static partial class KubeModelMapper
{
    public const string PolicyApiGroup = "policy.networking.k8s.io";

    public static ClusterPolicyInfo ToClusterNetworkPolicy(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToClusterPolicy(obj, ClusterPolicyKind.ClusterNetworkPolicy, diagnostics);

    public static ClusterPolicyInfo ToAdminNetworkPolicy(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToClusterPolicy(obj, ClusterPolicyKind.AdminNetworkPolicy, diagnostics);

    public static ClusterPolicyInfo ToBaselineAdminNetworkPolicy(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToClusterPolicy(obj, ClusterPolicyKind.BaselineAdminNetworkPolicy, diagnostics);

    private static ClusterPolicyInfo ToClusterPolicy(JsonElement obj, ClusterPolicyKind kind, ICollection<SourceDiagnostic>? diagnostics)
    {
        var kindName = kind.ToString();
        var r = new JsonReader(obj, kindName, diagnostics, clusterScoped: true);

        var spec = r.Object(obj, "spec", "spec");
        ClusterPolicyTier tier;
        int? priority = null;
        if (kind == ClusterPolicyKind.ClusterNetworkPolicy)
        {
            var tierText = r.String(spec, "tier", "spec.tier");
            switch (tierText)
            {
                case "Admin":
                    tier = ClusterPolicyTier.Admin;
                    break;
                case "Baseline":
                    tier = ClusterPolicyTier.Baseline;
                    break;
                default:
                    r.Fail("spec.tier", tierText is null
                        ? "tier is missing (must be Admin or Baseline); read as Admin"
                        : $"tier '{tierText}' is not Admin or Baseline; read as Admin");
                    tier = ClusterPolicyTier.Admin;
                    break;
            }
        }
        else
        {
            tier = kind == ClusterPolicyKind.AdminNetworkPolicy ? ClusterPolicyTier.Admin : ClusterPolicyTier.Baseline;
        }

        if (kind != ClusterPolicyKind.BaselineAdminNetworkPolicy)
        {
            priority = r.Int(spec, "priority", "spec.priority");
            if (priority is null)
            {
                r.Fail("spec.priority", "priority is missing (0-1000); the policy is evaluated last in its tier");
            }
            else if (priority is < 0 or > 1000)
            {
                r.Fail("spec.priority", $"priority {priority} is outside 0-1000 (the API server rejects it); evaluated as written");
            }
        }
        else if (r.Name != "default")
        {
            r.Fail("metadata.name", "a BaselineAdminNetworkPolicy must be named 'default' (the API server rejects any other name); evaluated anyway");
        }

        var subject = ReadSubject(r, r.Object(spec, "subject", "spec.subject"), "spec.subject", r.Fail);
        var allowPass = kind != ClusterPolicyKind.BaselineAdminNetworkPolicy;
        var acceptWord = kind == ClusterPolicyKind.ClusterNetworkPolicy ? "Accept" : "Allow";
        return new ClusterPolicyInfo
        {
            Kind = kind,
            Name = r.Name,
            Uid = r.Uid,
            Labels = r.Labels,
            Annotations = r.Annotations,
            Tier = tier,
            Priority = priority,
            Subject = subject,
            Ingress = ReadRules(r, spec, "ingress", kind, acceptWord, allowPass, r.Fail),
            Egress = ReadRules(r, spec, "egress", kind, acceptWord, allowPass, r.Fail),
        };
    }

    private static ClusterPolicySubjectInfo ReadSubject(JsonReader r, JsonElement? subject, string path, Action<string, string> error)
    {
        var namespaces = r.Object(subject, "namespaces", path + ".namespaces");
        var pods = r.Object(subject, "pods", path + ".pods");
        if (namespaces is not null && pods is not null)
        {
            error(path, "subject sets both namespaces and pods (the API server allows one); pods is used");
        }

        if (pods is { } p)
        {
            return new ClusterPolicySubjectInfo
            {
                NamespaceSelector = JsonSelector(r, r.Object(p, "namespaceSelector"), path + ".pods.namespaceSelector"),
                PodSelector = JsonSelector(r, r.Object(p, "podSelector"), path + ".pods.podSelector"),
                Valid = true,
            };
        }

        if (namespaces is { } n)
        {
            return new ClusterPolicySubjectInfo { NamespaceSelector = JsonSelector(r, n, path + ".namespaces"), Valid = true };
        }

        error(path, "subject sets neither namespaces nor pods: the policy selects no pod");
        return new ClusterPolicySubjectInfo { Valid = false };
    }

    private static ImmutableArray<ClusterPolicyRuleInfo> ReadRules(
        JsonReader r, JsonElement? spec, string direction, ClusterPolicyKind kind, string acceptWord, bool allowPass, Action<string, string> error)
    {
        var rules = ImmutableArray.CreateBuilder<ClusterPolicyRuleInfo>();
        var ingress = direction == "ingress";
        foreach (var (rule, path) in r.Items(spec, direction, "spec." + direction))
        {
            var actionText = r.String(rule, "action", path + ".action") ?? "";
            ClusterPolicyAction? action = actionText switch
            {
                "Accept" when kind == ClusterPolicyKind.ClusterNetworkPolicy => ClusterPolicyAction.Accept,
                "Allow" when kind != ClusterPolicyKind.ClusterNetworkPolicy => ClusterPolicyAction.Accept,
                "Deny" => ClusterPolicyAction.Deny,
                "Pass" when allowPass => ClusterPolicyAction.Pass,
                _ => null,
            };
            if (action is null)
            {
                var allowed = allowPass ? $"{acceptWord}, Deny or Pass" : $"{acceptWord} or Deny";
                error(path + ".action", actionText.Length == 0
                    ? $"action is missing (must be {allowed}); the rule is ignored"
                    : $"action '{actionText}' is not {allowed}; the rule is ignored");
            }

            var peersName = ingress ? "from" : "to";
            var peers = ImmutableArray.CreateBuilder<ClusterPolicyPeerInfo>();
            foreach (var (peer, peerPath) in r.Items(rule, peersName, $"{path}.{peersName}"))
            {
                peers.Add(ReadPeer(r, peer, peerPath, ingress, error));
            }

            if (peers.Count == 0)
            {
                error($"{path}.{peersName}", $"{peersName} is empty or missing (the API server requires at least one peer); the rule matches nothing");
            }

            rules.Add(new ClusterPolicyRuleInfo
            {
                Name = r.String(rule, "name", path + ".name"),
                Action = action,
                ActionText = actionText,
                Peers = peers.ToImmutable(),
                Ports = kind == ClusterPolicyKind.ClusterNetworkPolicy
                    ? ReadProtocols(r, rule, path + ".protocols", error)
                    : ReadAdminPorts(r, rule, path + ".ports", error),
            });
        }

        return rules.ToImmutable();
    }

    private static ClusterPolicyPeerInfo ReadPeer(JsonReader r, JsonElement peer, string path, bool ingress, Action<string, string> error)
    {
        var namespaces = r.Object(peer, "namespaces", path + ".namespaces");
        var pods = r.Object(peer, "pods", path + ".pods");
        var nodes = ingress ? null : r.Object(peer, "nodes", path + ".nodes");
        var networks = ImmutableArray.CreateBuilder<string>();
        var domains = ImmutableArray.CreateBuilder<string>();
        if (!ingress)
        {
            foreach (var (n, npath) in r.Items(peer, "networks", path + ".networks", JsonValueKind.String))
            {
                var text = n.GetString() ?? "";
                if (IsCidr(text))
                {
                    networks.Add(text);
                }
                else
                {
                    error(npath, $"'{text}' is not a CIDR (like 10.0.0.0/8 or fd00::/8); this network is ignored");
                }
            }

            foreach (var (d, _) in r.Items(peer, "domainNames", path + ".domainNames", JsonValueKind.String))
            {
                domains.Add(d.GetString() ?? "");
            }
        }
        else if (KubeModelMapper.Child(peer, "networks") is not null || KubeModelMapper.Child(peer, "nodes") is not null)
        {
            error(path, "networks and nodes peers exist only in egress rules; ignored here");
        }

        var set = (namespaces is null ? 0 : 1) + (pods is null ? 0 : 1) + (nodes is null ? 0 : 1) + (networks.Count > 0 ? 1 : 0) + (domains.Count > 0 ? 1 : 0);
        if (set == 0)
        {
            error(path, "peer sets none of namespaces, pods" + (ingress ? "" : ", nodes, networks, domainNames") + ": it matches nothing");
        }
        else if (set > 1)
        {
            error(path, "peer sets more than one of namespaces, pods, nodes, networks, domainNames (the API server allows one); each is read as its own peer");
        }

        return new ClusterPolicyPeerInfo
        {
            Namespaces = namespaces is { } ns ? JsonSelector(r, ns, path + ".namespaces") : null,
            PodsNamespaceSelector = pods is { } p ? JsonSelector(r, r.Object(p, "namespaceSelector"), path + ".pods.namespaceSelector") : null,
            PodsPodSelector = pods is { } q ? JsonSelector(r, r.Object(q, "podSelector"), path + ".pods.podSelector") : null,
            Nodes = nodes is { } nd ? JsonSelector(r, nd, path + ".nodes") : null,
            Networks = networks.ToImmutable(),
            DomainNames = domains.ToImmutable(),
        };
    }

    /// <summary>v1alpha2 protocols: tcp/udp/sctp with destinationPort {number | range}, or destinationNamedPort.</summary>
    private static ImmutableArray<ClusterPolicyPortInfo>? ReadProtocols(JsonReader r, JsonElement rule, string path, Action<string, string> error)
    {
        if (KubeModelMapper.Child(rule, "protocols") is null)
        {
            return null;
        }

        var ports = ImmutableArray.CreateBuilder<ClusterPolicyPortInfo>();
        foreach (var (p, ppath) in r.Items(rule, "protocols", path))
        {
            var found = false;
            foreach (var proto in new[] { "tcp", "udp", "sctp" })
            {
                if (r.Object(p, proto, $"{ppath}.{proto}") is not { } body)
                {
                    continue;
                }

                found = true;
                var dest = r.Object(body, "destinationPort", $"{ppath}.{proto}.destinationPort");
                var protocol = proto.ToUpperInvariant();
                if (dest is null)
                {
                    ports.Add(new ClusterPolicyPortInfo { Protocol = protocol });
                    continue;
                }

                var number = r.Int(dest, "number", $"{ppath}.{proto}.destinationPort.number");
                var range = r.Object(dest, "range", $"{ppath}.{proto}.destinationPort.range");
                if (ReadPort(r, number, range, protocol, $"{ppath}.{proto}.destinationPort", error) is { } port)
                {
                    ports.Add(port);
                }
            }

            if (r.String(p, "destinationNamedPort", ppath + ".destinationNamedPort") is { Length: > 0 } named)
            {
                found = true;
                ports.Add(new ClusterPolicyPortInfo { NamedPort = named });
            }

            if (!found)
            {
                error(ppath, "protocol entry sets none of tcp, udp, sctp, destinationNamedPort: it matches nothing");
            }
        }

        return ports.ToImmutable();
    }

    /// <summary>v1alpha1 ports: portNumber {protocol, port}, portRange {protocol, start, end} or namedPort.</summary>
    private static ImmutableArray<ClusterPolicyPortInfo>? ReadAdminPorts(JsonReader r, JsonElement rule, string path, Action<string, string> error)
    {
        if (KubeModelMapper.Child(rule, "ports") is null)
        {
            return null;
        }

        var ports = ImmutableArray.CreateBuilder<ClusterPolicyPortInfo>();
        foreach (var (p, ppath) in r.Items(rule, "ports", path))
        {
            if (r.Object(p, "portNumber", ppath + ".portNumber") is { } number)
            {
                var protocol = Protocol(r.String(number, "protocol", ppath + ".portNumber.protocol"), ppath + ".portNumber.protocol", error);
                if (ReadPort(r, r.Int(number, "port", ppath + ".portNumber.port"), null, protocol, ppath + ".portNumber", error, numberField: "port") is { } port)
                {
                    ports.Add(port);
                }
            }
            else if (r.Object(p, "portRange", ppath + ".portRange") is { } range)
            {
                var protocol = Protocol(r.String(range, "protocol", ppath + ".portRange.protocol"), ppath + ".portRange.protocol", error);
                if (ReadPort(r, null, range, protocol, ppath, error, rangeField: "portRange") is { } port)
                {
                    ports.Add(port);
                }
            }
            else if (r.String(p, "namedPort", ppath + ".namedPort") is { Length: > 0 } named)
            {
                ports.Add(new ClusterPolicyPortInfo { NamedPort = named });
            }
            else
            {
                error(ppath, "port entry sets none of portNumber, portRange, namedPort: it matches nothing");
            }
        }

        return ports.ToImmutable();
    }

    private static string Protocol(string? written, string path, Action<string, string> error)
    {
        var p = string.IsNullOrEmpty(written) ? "TCP" : written.ToUpperInvariant();
        if (p is not ("TCP" or "UDP" or "SCTP"))
        {
            error(path, $"protocol '{written}' is not TCP, UDP or SCTP; read as written (matches no probe of another protocol)");
        }

        return p;
    }

    private static ClusterPolicyPortInfo? ReadPort(
        JsonReader r, int? number, JsonElement? range, string protocol, string path, Action<string, string> error,
        string numberField = "number", string rangeField = "range")
    {
        if (number is { } n)
        {
            if (n is < 1 or > 65535)
            {
                error($"{path}.{numberField}", $"port {n} is outside 1-65535; this port entry matches nothing");
                return null;
            }

            return new ClusterPolicyPortInfo { Protocol = protocol, Port = n };
        }

        if (range is { } rg)
        {
            var rpath = $"{path}.{rangeField}";
            var start = r.Int(rg, "start", rpath + ".start");
            var end = r.Int(rg, "end", rpath + ".end");
            if (start is not { } s || end is not { } e || s is < 1 or > 65535 || e is < 1 or > 65535 || e < s)
            {
                error(rpath, $"port range {start?.ToString() ?? "?"}-{end?.ToString() ?? "?"} is not a range within 1-65535 with start <= end; this port entry matches nothing");
                return null;
            }

            return new ClusterPolicyPortInfo { Protocol = protocol, Port = s, EndPort = e };
        }

        error(path, $"sets neither {numberField} nor {rangeField}; this port entry matches nothing");
        return null;
    }

    private static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        return length <= (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }

    /// <summary>A metav1.LabelSelector read from JSON; absent reads as {} (everything).</summary>
    private static LabelSelector JsonSelector(JsonReader r, JsonElement? selector, string path)
    {
        if (selector is null)
        {
            return LabelSelector.Everything;
        }

        var labels = r.StringMap(selector, "matchLabels", path + ".matchLabels");
        var requirements = ImmutableArray.CreateBuilder<LabelSelectorRequirement>();
        foreach (var (e, epath) in r.Items(selector, "matchExpressions", path + ".matchExpressions"))
        {
            var values = ImmutableArray.CreateBuilder<string>();
            foreach (var (v, _) in r.Items(e, "values", epath + ".values", JsonValueKind.String))
            {
                values.Add(v.GetString() ?? "");
            }

            requirements.Add(new LabelSelectorRequirement(r.String(e, "key", epath + ".key") ?? "", r.String(e, "operator", epath + ".operator") ?? "", values.ToImmutable()));
        }

        return labels.Count == 0 && requirements.Count == 0
            ? LabelSelector.Everything
            : new LabelSelector { MatchLabels = labels, MatchExpressions = requirements.ToImmutable() };
    }
}
