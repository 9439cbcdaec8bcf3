using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One Calico rule's peers over the pod index, computed once per rule (lazily, thread-safe) through
/// <see cref="CalicoEntityMatcher.MatchesIgnoringPorts"/> (the checks <see cref="CalicoEntityMatcher.Mismatch"/> words,
/// without the words) so every criterion the matcher knows counts: the pods its source matches (the source port is the client's, never known, so this does not depend on the probe) and the pods its destination's
/// endpoint criteria match. Destination ports and notPorts depend on the probe (named ports on the pod too): they are
/// applied per probe (<see cref="Destinations"/>, <see cref="DestinationHas"/>) from sets shared by rules with equal port specs.
/// </summary>
internal sealed class CalicoRuleBits
{
    private readonly Lazy<PodSet> _sources;
    private readonly Lazy<PodSet> _destinationEndpoints;
    private readonly CalicoBitIndex _bits;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ReachProbe, PodSet> _portPods = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ReachProbe, PodSet> _destinations = new();

    public CalicoRuleBits(CalicoCompiledRule rule, CalicoBitIndex bits)
    {
        Rule = rule;
        _bits = bits;
        _sources = new(() => Matching(rule.Source, portsLater: false));
        _destinationEndpoints = new(() => Matching(rule.Destination, portsLater: true));
    }

    public CalicoCompiledRule Rule { get; }

    public CalicoRuleAction Action => Rule.Action;

    /// <summary>Pods the rule's source matches.</summary>
    public PodSet Sources => _sources.Value;

    /// <summary>Pods the rule's destination matches, ports aside.</summary>
    public PodSet DestinationEndpoints => _destinationEndpoints.Value;

    private bool HasDestinationPorts => !Rule.Destination.Ports.IsDefaultOrEmpty || !Rule.Destination.NotPorts.IsDefaultOrEmpty;

    /// <summary>Does the rule's destination match pod <paramref name="pod"/> on the probe (ports included)?</summary>
    public bool DestinationHas(int pod, ReachProbe probe) =>
        DestinationEndpoints.Has(pod) && (!HasDestinationPorts || PortPods(probe).Has(pod));

    /// <summary>The pods the rule's destination matches on the context's probe (ports included), kept per probe.</summary>
    public PodSet Destinations(StageContext context)
    {
        if (!HasDestinationPorts)
        {
            return DestinationEndpoints;
        }

        return _destinations.GetOrAdd(context.Probe, probe =>
        {
            var set = DestinationEndpoints.Clone();
            set.IntersectWith(PortPods(probe));
            return set;
        });
    }

    private PodSet PortPods(ReachProbe probe) =>
        _portPods.GetOrAdd(probe, p => _bits.PortPods(Rule.Destination.Ports, Rule.Destination.NotPorts, p));

    /// <summary>
    /// Pods the matcher accepts with the port unknown: exactly the source side's answer (what
    /// <see cref="CalicoEntityMatcher.Mismatch"/> says with portKnown false). For the destination
    /// (<paramref name="portsLater"/>) the ports are applied afterwards, so only the other criteria count here.
    /// </summary>
    private PodSet Matching(CalicoEntityMatcher matcher, bool portsLater)
    {
        var n = _bits.Index.PodCount;
        if (ReferenceEquals(matcher, CalicoEntityMatcher.Any))
        {
            return PodSet.All(n);
        }

        // Calico: an entity rule with no selector, namespaceSelector, serviceAccounts or nets matches every endpoint,
        // ports aside (on the source side the client's port is never known, so source ports leave this to the matcher).
        var endpointCriteria = matcher.Selector is not null || matcher.NotSelector is not null || matcher.NamespaceSelector is not null
            || !matcher.ServiceAccountNames.IsDefaultOrEmpty || matcher.ServiceAccountSelector is not null;
        var netCriteria = !matcher.Nets.IsDefaultOrEmpty || matcher.NetsInvalid || !matcher.NotNets.IsDefaultOrEmpty;
        if (!matcher.Broken && !endpointCriteria && !netCriteria && (portsLater || matcher.Ports.IsDefaultOrEmpty))
        {
            return PodSet.All(n);
        }

        // With the port unknown the matcher refuses written source ports (the client's port is assumed outside them)
        // and leaves notPorts to a caveat; destination ports are applied per probe afterwards.
        var set = new PodSet(n);
        if (!portsLater && !matcher.Ports.IsDefaultOrEmpty)
        {
            return set;
        }

        // Without nets the answer depends only on labels, namespace and service account: once per label class. A pod
        // whose IP lies in a network set the criteria pick (or notSelector matches) is decided on its own, and never
        // answers for its class.
        var endpoints = _bits.Endpoints;
        var perPod = !matcher.Nets.IsDefaultOrEmpty || matcher.NetsInvalid || !matcher.NotNets.IsDefaultOrEmpty;
        var classOf = _bits.ClassOf;
        var known = perPod ? null : new sbyte[n];
        var inSets = InSets(matcher);
        foreach (var i in Candidates(matcher, inSets)?.Members() ?? Enumerable.Range(0, n))
        {
            bool match;
            if (known is null || (inSets is not null && inSets.Has(i)))
            {
                match = matcher.MatchesIgnoringPorts(endpoints[i]);
            }
            else if (known[classOf[i]] is var k && k != 0)
            {
                match = k > 0;
            }
            else
            {
                match = matcher.MatchesIgnoringPorts(endpoints[i]);
                known[classOf[i]] = match ? (sbyte)1 : (sbyte)-1;
            }

            if (match)
            {
                set.Add(i);
            }
        }

        return set;
    }

    /// <summary>
    /// A superset of the pods the matcher can match, from criteria every pod of a namespace meets alike (a
    /// namespaceSelector, checked once per namespace, or the policy's own namespace that selectors and service accounts
    /// are scoped to) and from nets. Null when nothing narrows (every pod is a candidate). Only candidates go to the
    /// matcher, which still decides each one.
    /// </summary>
    private PodSet? Candidates(CalicoEntityMatcher matcher, PodSet? inSets)
    {
        var index = _bits.Index;
        var candidates = Scoped(matcher);
        if (candidates is not null && inSets is not null)
        {
            // A pod outside the scope still matches by its IP lying in a picked set.
            candidates = candidates.Clone();
            candidates.UnionWith(inSets);
        }

        if (!matcher.Nets.IsDefaultOrEmpty)
        {
            // nets are ANDed with the other criteria: only pods whose address is in one can match.
            var inNets = new PodSet(index.PodCount);
            foreach (var i in candidates?.Members() ?? Enumerable.Range(0, index.PodCount))
            {
                if (_bits.Endpoints[i] is { Address: not null } e && CalicoEntityMatcher.AnyContains(matcher.Nets, e.AddressValue))
                {
                    inNets.Add(i);
                }
            }

            candidates = inNets;
        }

        return candidates;
    }

    /// <summary>Pods whose IP lies in a network set the matcher picks or its notSelector matches; null when no set can touch a pod.</summary>
    private PodSet? InSets(CalicoEntityMatcher matcher)
    {
        if (!matcher.MatchesPodsBySet)
        {
            return null;
        }

        var set = new PodSet(_bits.Index.PodCount);
        foreach (var net in matcher.NotSelector is null ? matcher.SelectedSets : matcher.SelectedSets.AddRange(matcher.NotSelectedSets))
        {
            set.UnionWith(_bits.PodsIn(net));
        }

        return set;
    }

    private PodSet? Scoped(CalicoEntityMatcher matcher)
    {
        var index = _bits.Index;
        if (matcher.NamespaceSelector is { } namespaces)
        {
            var set = new PodSet(index.PodCount);
            foreach (var pods in index.PodsByNamespace)
            {
                var first = pods.Members().FirstOrDefault(-1);
                if (first >= 0 && namespaces.Matches(_bits.Endpoints[first].NamespaceLabels))
                {
                    set.UnionWith(pods);
                }
            }

            return set;
        }

        var scoped = matcher.Selector is not null || matcher.NotSelector is not null
            || !matcher.ServiceAccountNames.IsDefaultOrEmpty || matcher.ServiceAccountSelector is not null;
        if (scoped && matcher.OwnNamespace is { } own)
        {
            return index.NamespaceIndexOf.TryGetValue(own, out var k) ? index.PodsByNamespace[k] : new PodSet(index.PodCount);
        }

        return null;
    }
}
