using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Puts Calico policies and Kubernetes NetworkPolicies into one tiered model. A Kubernetes NetworkPolicy becomes what
/// Calico's converter makes of it: policy <c>knp.default.NAME</c> in tier <c>default</c> at order 1000, selector = its
/// podSelector in its namespace, one Allow rule per peer (ipBlock → nets/notNets), types from policyTypes.
/// </summary>
internal static class CalicoPolicyCompiler
{
    public const double KubernetesPolicyOrder = 1000;
    public const string DefaultTier = "default";

    public static CalicoCompiledPolicy Compile(CalicoPolicyInfo p) => Compile(p, CalicoNetworkSetIndex.Empty);

    /// <summary>Compiles with the snapshot's network sets, so rule selectors also match the external addresses they hold.</summary>
    public static CalicoCompiledPolicy Compile(CalicoPolicyInfo p, CalicoNetworkSetIndex sets)
    {
        var global = p.Kind == CalicoPolicyKind.GlobalNetworkPolicy;
        var own = global ? null : p.Namespace;
        var selector = CalicoSelectorParser.TryParse(p.Selector, out var e1);
        var nsSelector = CalicoSelectorParser.TryParse(p.NamespaceSelector, out var e2);
        var saSelector = CalicoSelectorParser.TryParse(p.ServiceAccountSelector, out var e3);
        // preDNAT and doNotTrack policies are host-endpoint policies: Felix never puts them on a workload endpoint.
        var (ingress, egress) = IsHostEndpointOnly(p) ? (false, false) : Types(p);
        return new CalicoCompiledPolicy
        {
            Source = global ? CalicoPolicySource.CalicoGlobalNetworkPolicy : CalicoPolicySource.CalicoNetworkPolicy,
            Key = p.Key,
            Display = p.DisplayName,
            SortName = global ? p.Name : $"{p.Namespace}/{p.Name}",
            Tier = string.IsNullOrEmpty(p.Tier) ? DefaultTier : p.Tier,
            Order = p.Order,
            Namespace = own,
            Selector = selector ?? CalicoSelector.Everything,
            NamespaceSelector = string.IsNullOrWhiteSpace(p.NamespaceSelector) ? null : nsSelector,
            ServiceAccountSelector = string.IsNullOrWhiteSpace(p.ServiceAccountSelector) ? null : saSelector,
            SelectorBroken = e1 is not null || e2 is not null || e3 is not null,
            Ingress = ingress,
            Egress = egress,
            IngressRules = [.. p.Ingress.Select((r, i) => Rule(r, i, own, sets))],
            EgressRules = [.. p.Egress.Select((r, i) => Rule(r, i, own, sets))],
        };
    }

    /// <summary>preDNAT or doNotTrack: the policy applies at host endpoints only (not modelled), never to a pod.</summary>
    public static bool IsHostEndpointOnly(CalicoPolicyInfo p) => HostEndpointOnlyFeatures(p).Any();

    /// <summary>The features that make <paramref name="p"/> a host-endpoint policy (preDNAT, doNotTrack), as set.</summary>
    public static IEnumerable<string> HostEndpointOnlyFeatures(CalicoPolicyInfo p) => p.HostEndpointFeatures.Where(f => f is "preDNAT" or "doNotTrack");

    /// <summary>Calico's default for absent (or empty) types: Ingress unless the policy has only egress rules; Egress when it has egress rules.</summary>
    public static (bool Ingress, bool Egress) Types(CalicoPolicyInfo p) => p.Types is { Length: > 0 } t
        ? (t.Contains("Ingress"), t.Contains("Egress"))
        : (p.Ingress.Length > 0 || p.Egress.Length == 0, p.Egress.Length > 0);

    private static CalicoCompiledRule Rule(CalicoRuleInfo r, int index, string? own, CalicoNetworkSetIndex sets) => new()
    {
        Action = r.Action,
        Index = index,
        Protocol = r.Protocol?.ToUpperInvariant(),
        NotProtocol = r.NotProtocol?.ToUpperInvariant(),
        Source = Entity(r.Source, own, sets),
        Destination = Entity(r.Destination, own, sets),
        Unmodelled = [.. r.Unmodelled, .. r.Source.Unmodelled.Select(u => "source." + u), .. r.Destination.Unmodelled.Select(u => "destination." + u)],
    };

    private static CalicoEntityMatcher Entity(CalicoEntityRuleInfo e, string? own, CalicoNetworkSetIndex sets)
    {
        if (ReferenceEquals(e, CalicoEntityRuleInfo.Any))
        {
            return CalicoEntityMatcher.Any;
        }

        var broken = false;
        CalicoSelector? Sel(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var s = CalicoSelectorParser.TryParse(text, out var err);
            broken |= err is not null;
            return s;
        }

        var nets = Parse(e.Nets);
        var selector = Sel(e.Selector);
        var notSelector = Sel(e.NotSelector);
        var nsSelector = Sel(e.NamespaceSelector);
        var saSelector = Sel(e.ServiceAccountSelector);
        var serviceAccounts = !e.ServiceAccountNames.IsDefaultOrEmpty || e.ServiceAccountSelector is not null;
        return new CalicoEntityMatcher
        {
            Selector = selector,
            NotSelector = notSelector,
            NamespaceSelector = nsSelector,
            OwnNamespace = own,
            ServiceAccountNames = e.ServiceAccountNames,
            ServiceAccountSelector = saSelector,
            SelectedSets = broken ? [] : sets.Select(selector, nsSelector, own, serviceAccounts),
            SelectedDomainSets = broken ? [] : sets.SelectWithDomains(selector, nsSelector, own, serviceAccounts),
            NotSelectedSets = notSelector is null ? [] : sets.SelectNot(notSelector),
            Nets = nets,
            NetsInvalid = !e.Nets.IsDefaultOrEmpty && nets.IsEmpty,
            NotNets = Parse(e.NotNets),
            Ports = [.. e.Ports.Select(CalicoPortSpec.From)],
            NotPorts = [.. e.NotPorts.Select(CalicoPortSpec.From)],
            Broken = broken,
        };
    }

    /// <summary>Do two compilations of one policy pick the same network set nets in every rule (so they match alike)?</summary>
    internal static bool SameSets(CalicoCompiledPolicy a, CalicoCompiledPolicy b) =>
        SameSets(a.IngressRules, b.IngressRules) && SameSets(a.EgressRules, b.EgressRules);

    /// <summary>Do two compilations of one direction's rules pick the same network set nets rule by rule?</summary>
    internal static bool SameSets(ImmutableArray<CalicoCompiledRule> a, ImmutableArray<CalicoCompiledRule> b)
    {
        // CidrRange has no value equality: nets compare by their text (what explanations show) and family.
        static bool SameNets(ImmutableArray<CalicoSetNet> x, ImmutableArray<CalicoSetNet> y) =>
            x.Length == y.Length && x.Zip(y).All(p => p.First.Kind == p.Second.Kind && p.First.Name == p.Second.Name
                && p.First.Net.Text == p.Second.Net.Text && p.First.Net.Network.Length == p.Second.Net.Network.Length);

        static bool Same(CalicoEntityMatcher x, CalicoEntityMatcher y) =>
            SameNets(x.SelectedSets, y.SelectedSets) && SameNets(x.NotSelectedSets, y.NotSelectedSets)
            && x.SelectedDomainSets.SequenceEqual(y.SelectedDomainSets, StringComparer.Ordinal);

        return a.Length == b.Length && a.Zip(b).All(r => Same(r.First.Source, r.Second.Source) && Same(r.First.Destination, r.Second.Destination));
    }

    private static ImmutableArray<CidrRange> Parse(ImmutableArray<string> nets) =>
        nets.IsDefaultOrEmpty ? [] : [.. nets.Select(n => CalicoNet.TryParse(n, out var r) ? r : null).OfType<CidrRange>()];

    public static CalicoCompiledPolicy Compile(NetworkPolicyInfo np)
    {
        // An empty policyTypes is defaulted like an absent one (the API server does so).
        var types = np.PolicyTypes is { Length: > 0 } written ? written : (ImmutableArray<string>?)null;
        var ingress = types is not { } t || t.Contains("Ingress");
        var egress = types is { } t2 ? t2.Contains("Egress") : np.Egress is { Length: > 0 };
        return new CalicoCompiledPolicy
        {
            Source = CalicoPolicySource.KubernetesNetworkPolicy,
            Key = np.Key,
            Display = $"knp.default.{np.Name} (NetworkPolicy {np.Namespace}/{np.Name})",
            SortName = $"{np.Namespace}/knp.default.{np.Name}",
            Tier = DefaultTier,
            Order = KubernetesPolicyOrder,
            Namespace = np.Namespace,
            Selector = FromLabelSelector(np.PodSelector),
            Ingress = ingress,
            Egress = egress,
            IngressRules = [.. KubernetesRules(np.Ingress, np.Namespace, ingress: true)],
            EgressRules = [.. KubernetesRules(np.Egress, np.Namespace, ingress: false)],
        };
    }

    private static IEnumerable<CalicoCompiledRule> KubernetesRules(ImmutableArray<NetworkPolicyRuleInfo>? rules, string ns, bool ingress)
    {
        if (rules is not { } list)
        {
            yield break;
        }

        for (var i = 0; i < list.Length; i++)
        {
            var rule = list[i];
            var ports = Ports(rule.Ports);
            var peerMatcher = new CalicoEntityMatcher { Ports = ports };
            if (rule.Peers is not { Length: > 0 } peers)
            {
                yield return new CalicoCompiledRule
                {
                    Action = CalicoRuleAction.Allow,
                    Index = i,
                    Source = CalicoEntityMatcher.Any,
                    Destination = peerMatcher,
                };
                continue;
            }

            for (var j = 0; j < peers.Length; j++)
            {
                var peer = Peer(peers[j], ns);
                yield return new CalicoCompiledRule
                {
                    Action = CalicoRuleAction.Allow,
                    Index = i,
                    Part = peers.Length > 1 ? $"peer[{j}]" : null,
                    // The peer is the source of ingress and the destination of egress; ports always sit on the destination.
                    Source = ingress ? peer : CalicoEntityMatcher.Any,
                    Destination = ingress ? new CalicoEntityMatcher { Ports = ports } : Clone(peer, ports),
                };
            }
        }
    }

    private static CalicoEntityMatcher Clone(CalicoEntityMatcher m, ImmutableArray<CalicoPortSpec> ports) => new()
    {
        Selector = m.Selector,
        NamespaceSelector = m.NamespaceSelector,
        OwnNamespace = m.OwnNamespace,
        Nets = m.Nets,
        NotNets = m.NotNets,
        NetsInvalid = m.NetsInvalid,
        Ports = ports,
    };

    private static CalicoEntityMatcher Peer(NetworkPolicyPeerInfo peer, string ns)
    {
        if (peer.IpBlock is { } block)
        {
            var nets = Parse([block.Cidr]);
            return new CalicoEntityMatcher
            {
                Nets = nets,
                NetsInvalid = nets.IsEmpty,
                NotNets = Parse(block.Except.IsDefault ? [] : block.Except),
            };
        }

        return new CalicoEntityMatcher
        {
            // podSelector alone: the policy's namespace; namespaceSelector ({} = all) with or without podSelector: those namespaces.
            Selector = peer.PodSelector is { } ps ? FromLabelSelector(ps) : CalicoSelector.Everything,
            NamespaceSelector = peer.NamespaceSelector is { } nss ? FromLabelSelector(nss) : null,
            OwnNamespace = ns,
        };
    }

    private static ImmutableArray<CalicoPortSpec> Ports(ImmutableArray<NetworkPolicyPortInfo>? ports)
    {
        if (ports is not { Length: > 0 } list)
        {
            return [];
        }

        return [.. list.Select(p =>
        {
            var proto = (p.Protocol ?? "TCP").ToUpperInvariant();
            if (p.Port is null)
            {
                return new CalicoPortSpec(proto, 0, 65535, null);
            }

            return int.TryParse(p.Port, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? new CalicoPortSpec(proto, n, p.EndPort is { } end && end >= n ? end : n, null)
                : new CalicoPortSpec(proto, 0, 0, p.Port);
        })];
    }

    /// <summary>metav1.LabelSelector in Calico's language (what Calico's converter does): matchLabels → ==, In → in, NotIn → not in, Exists → has(), DoesNotExist → !has().</summary>
    public static CalicoSelector FromLabelSelector(LabelSelector s)
    {
        var parts = new List<CalicoSelector>();
        parts.AddRange(s.MatchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (CalicoSelector)new CalicoSelector.EqualsNode(kv.Key, kv.Value)));
        foreach (var e in s.MatchExpressions.IsDefault ? [] : s.MatchExpressions)
        {
            var values = e.Values.IsDefault ? [] : e.Values;
            parts.Add(e.Operator switch
            {
                "In" => new CalicoSelector.InNode(e.Key, values),
                "NotIn" => new CalicoSelector.NotInNode(e.Key, values),
                "Exists" => new CalicoSelector.HasNode(e.Key),
                "DoesNotExist" => new CalicoSelector.NotNode(new CalicoSelector.HasNode(e.Key)),
                // The API server rejects other operators; match nothing, as the NetworkPolicy engine does.
                _ => new CalicoSelector.NotNode(CalicoSelector.Everything),
            });
        }

        return parts.Count == 0 ? CalicoSelector.Everything : parts.Aggregate((a, b) => new CalicoSelector.AndNode(a, b));
    }
}
