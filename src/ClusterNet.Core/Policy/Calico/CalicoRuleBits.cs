using ClusterNet.Core.Model;
using ClusterNet.Core.Policy.Chain;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One Calico rule's peers over the pod index, computed once per rule (lazily, thread-safe) through
/// <see cref="CalicoEntityMatcher.Mismatch"/> so every criterion the matcher knows counts: the pods its source matches
/// (the source port is the client's, never known, so this does not depend on the probe) and the pods its destination's
/// endpoint criteria match. Destination ports and notPorts depend on the probe (named ports on the pod too): they are
/// applied per port class (<see cref="Destinations"/>) or per pod (<see cref="DestinationHas"/>).
/// </summary>
internal sealed class CalicoRuleBits
{
    /// <summary>Any probe: the matcher reads the probe only for ports it knows, and these sets are computed port-blind.</summary>
    private static readonly ReachProbe PortBlind = ReachProbe.Tcp(1);

    private readonly Lazy<PodSet> _sources;
    private readonly Lazy<PodSet> _destinationEndpoints;
    private readonly CalicoBitIndex _bits;

    public CalicoRuleBits(CalicoCompiledRule rule, CalicoBitIndex bits)
    {
        Rule = rule;
        _bits = bits;
        _sources = new(() => Matching(rule.Source, "source", portsLater: false));
        _destinationEndpoints = new(() => Matching(rule.Destination, "destination", portsLater: true));
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
        DestinationEndpoints.Has(pod) && (!HasDestinationPorts || PortsAdmit(probe, _bits.Endpoints[pod]));

    /// <summary>The pods the rule's destination matches on the context's probe (ports included), cached per port class.</summary>
    public PodSet Destinations(StageContext context)
    {
        if (!HasDestinationPorts)
        {
            return DestinationEndpoints;
        }

        var key = "calico-dst|" + context.IdOf(this);
        if (context.Cache.TryGetValue(key, out var hit))
        {
            return (PodSet)hit;
        }

        var set = new PodSet(_bits.Index.PodCount);
        foreach (var d in DestinationEndpoints.Members())
        {
            if (PortsAdmit(context.Probe, _bits.Endpoints[d]))
            {
                set.Add(d);
            }
        }

        context.Cache[key] = set;
        return set;
    }

    /// <summary>The destination's ports and notPorts on a known port, as <see cref="CalicoEntityMatcher.Mismatch"/> reads them.</summary>
    private bool PortsAdmit(ReachProbe probe, CalicoEndpoint endpoint)
    {
        var d = Rule.Destination;
        return (d.Ports.IsDefaultOrEmpty || d.Ports.Any(p => p.Matches(probe, endpoint)))
            && (d.NotPorts.IsDefaultOrEmpty || !d.NotPorts.Any(p => p.Matches(probe, endpoint)));
    }

    /// <summary>
    /// Pods the matcher accepts with the port unknown: exactly the source side's answer. For the destination
    /// (<paramref name="portsLater"/>) the ports are applied afterwards; with ports written, the matcher refuses an
    /// unknown port after every other criterion passed, and says so in a caveat: that caveat marks the pods whose
    /// other criteria match.
    /// </summary>
    private PodSet Matching(CalicoEntityMatcher matcher, string side, bool portsLater)
    {
        var n = _bits.Index.PodCount;
        if (ReferenceEquals(matcher, CalicoEntityMatcher.Any))
        {
            return PodSet.All(n);
        }

        var set = new PodSet(n);
        var portsWritten = portsLater && !matcher.Ports.IsDefaultOrEmpty;
        var caveats = new List<string>();
        for (var i = 0; i < n; i++)
        {
            caveats.Clear();
            var why = matcher.Mismatch(_bits.Endpoints[i], PortBlind, portKnown: false, side, caveats);
            if (why is null || (portsWritten && caveats.Count > 0))
            {
                set.Add(i);
            }
        }

        return set;
    }
}
