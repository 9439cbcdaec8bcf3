using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// A compiled <c>source</c> or <c>destination</c> of a rule. Calico's scoping, as its policy converter applies it: in a
/// namespaced policy a selector, notSelector or serviceAccounts without namespaceSelector means the policy's namespace;
/// with namespaceSelector, the namespaces it picks; in a GlobalNetworkPolicy, every namespace. Endpoint criteria match
/// an address outside the pod set only through the network sets they pick (<see cref="SelectedSets"/>, scoped the
/// same way by <see cref="CalicoNetworkSetIndex"/>); nets match pod IPs as well as external ones. Calico's dataplane
/// matches a rule's endpoint criteria by IP set (the IPs of the endpoints and the nets of the network sets the
/// selectors pick), so a pod whose IP lies in a picked set's net matches too whatever its labels, and a pod whose IP
/// lies in a set notSelector matches is excluded.
/// </summary>
internal sealed class CalicoEntityMatcher
{
    public static readonly CalicoEntityMatcher Any = new();

    public CalicoSelector? Selector { get; init; }
    public CalicoSelector? NotSelector { get; init; }
    public CalicoSelector? NamespaceSelector { get; init; }
    /// <summary>The namespace endpoint criteria default to (a namespaced policy's own); null for a GlobalNetworkPolicy.</summary>
    public string? OwnNamespace { get; init; }
    public ImmutableArray<string> ServiceAccountNames { get; init; } = [];
    public CalicoSelector? ServiceAccountSelector { get; init; }
    public ImmutableArray<CidrRange> Nets { get; init; } = [];
    public ImmutableArray<CidrRange> NotNets { get; init; } = [];
    /// <summary>At least one net was written but none parsed: the criterion matches nothing.</summary>
    public bool NetsInvalid { get; init; }
    public ImmutableArray<CalicoPortSpec> Ports { get; init; } = [];
    public ImmutableArray<CalicoPortSpec> NotPorts { get; init; } = [];
    /// <summary>A selector that did not parse: nothing matches (fail closed, reported by the mapper and the linter).</summary>
    public bool Broken { get; init; }
    /// <summary>Nets of the NetworkSets/GlobalNetworkSets the endpoint criteria pick: an external address in one matches them.</summary>
    public ImmutableArray<CalicoSetNet> SelectedSets { get; init; } = [];
    /// <summary>
    /// Sets the endpoint criteria pick that also carry allowedEgressDomains (Calico Enterprise): the addresses those names
    /// resolve to are in Calico's IP set but not in the model, so a miss on an external address gets a caveat.
    /// </summary>
    public ImmutableArray<string> SelectedDomainSets { get; init; } = [];
    /// <summary>Nets of the network sets <see cref="NotSelector"/> matches: an external address in one is excluded.</summary>
    public ImmutableArray<CalicoSetNet> NotSelectedSets { get; init; } = [];

    private bool HasEndpointCriteria => Selector is not null || NotSelector is not null || NamespaceSelector is not null
        || !ServiceAccountNames.IsDefaultOrEmpty || ServiceAccountSelector is not null;

    /// <summary>
    /// Does <paramref name="x"/> meet every criterion but ports? The match-only path the rule bitsets use (millions of
    /// calls): no reason text is formatted. <see cref="Mismatch"/> checks the same, in the same order, and words it.
    /// </summary>
    public bool MatchesIgnoringPorts(CalicoEndpoint x) => Check(x) == Miss.None;

    /// <summary>Null when <paramref name="x"/> matches; else why not. <paramref name="portKnown"/> is false on the source side (ephemeral port).</summary>
    public string? Mismatch(CalicoEndpoint x, ReachProbe probe, bool portKnown, string side, List<string> caveats)
    {
        if (Check(x) is var miss && miss != Miss.None)
        {
            if (miss == Miss.InNoSelectedSet && side == "destination" && !SelectedDomainSets.IsDefaultOrEmpty)
            {
                caveats.Add($"{side}: {string.Join(", ", SelectedDomainSets)} not modelled (Calico Enterprise): if {x} is an address of one of those names, the rule matches it");
            }

            return Describe(miss, x, side);
        }

        if (!Ports.IsDefaultOrEmpty)
        {
            if (!portKnown)
            {
                caveats.Add($"{side} ports [{string.Join(", ", Ports)}] compare the client's ephemeral port, which is not known: assumed outside them");
                return $"{side}: the client's ephemeral port is assumed outside [{string.Join(", ", Ports)}]";
            }

            if (!Ports.Any(p => p.Matches(probe, x)))
            {
                return $"{side}: port {probe} is not in [{string.Join(", ", Ports)}]";
            }
        }

        if (!NotPorts.IsDefaultOrEmpty)
        {
            if (!portKnown)
            {
                caveats.Add($"{side} notPorts [{string.Join(", ", NotPorts)}] compare the client's ephemeral port, which is not known: assumed outside them");
            }
            else if (NotPorts.FirstOrDefault(p => p.Matches(probe, x)) is { } excluded)
            {
                return $"{side}: port {probe} is in notPorts {excluded}";
            }
        }

        return null;
    }

    /// <summary>
    /// The network set through which <paramref name="x"/> matched this side's endpoint criteria ("GlobalNetworkSet
    /// `blocklist` 10.9.0.0/16"): for an external address the set holding it; for a pod only when its own labels,
    /// namespace and service account do not match and its IP lies in a picked set. Null otherwise.
    /// </summary>
    public CalicoSetNet? SetOf(CalicoEndpoint x) =>
        x.Address is null || !HasEndpointCriteria || (x.IsPod && PodLabelCheck(x) == Miss.None) ? null : SelectedSetOf(x);

    /// <summary>
    /// " (source 10.9.1.1 in GlobalNetworkSet `blocklist` 10.9.0.0/16)" when a rule matched an address through a network
    /// set, " (source dev/web: pod 10.244.1.5 lies in GlobalNetworkSet `corp-nets` 10.244.0.0/16)" for a pod matched by
    /// its IP, else "".
    /// </summary>
    public static string ViaSets(CalicoEntityMatcher source, CalicoEndpoint src, CalicoEntityMatcher destination, CalicoEndpoint dst)
    {
        var parts = new List<string>(2);
        if (source.SetOf(src) is { } s)
        {
            parts.Add(Via("source", src, s));
        }

        if (destination.SetOf(dst) is { } d)
        {
            parts.Add(Via("destination", dst, d));
        }

        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }

    private static string Via(string side, CalicoEndpoint x, CalicoSetNet set) =>
        x.IsPod ? $"{side} {x}: pod {x.Address} lies in {set}" : $"{side} {x} in {set}";

    /// <summary>
    /// Could a network set make this side match or refuse a pod by its IP? The rule bitsets evaluate such pods one by
    /// one (their answer no longer follows their label class).
    /// </summary>
    public bool MatchesPodsBySet => HasEndpointCriteria && (!SelectedSets.IsDefaultOrEmpty || (NotSelector is not null && !NotSelectedSets.IsDefaultOrEmpty));

    /// <summary>Which criterion refuses an endpoint, ports aside (the first in Calico's order); None when all pass.</summary>
    private enum Miss
    {
        None,
        Broken,
        NoAddress,
        NotInNets,
        InNotNets,
        NotInNamespaceSelector,
        NotInOwnNamespace,
        NotInSelector,
        NotInServiceAccounts,
        NotInServiceAccountSelector,
        InNotSelector,
        InNoSelectedSet,
        InNotSelectedSet,
    }

    private Miss Check(CalicoEndpoint x)
    {
        if (Broken)
        {
            return Miss.Broken;
        }

        if (!Nets.IsDefaultOrEmpty || NetsInvalid)
        {
            if (x.Address is null)
            {
                return Miss.NoAddress;
            }

            if (!AnyContains(Nets, x.AddressValue))
            {
                return Miss.NotInNets;
            }
        }

        if (!NotNets.IsDefaultOrEmpty && x.Address is not null && AnyContains(NotNets, x.AddressValue))
        {
            return Miss.InNotNets;
        }

        return !HasEndpointCriteria ? Miss.None : x.IsPod ? PodCheck(x) : ExternalCheck(x);
    }

    /// <summary>Is the address (<see cref="CalicoEndpoint.AddressValue"/>) in one of the nets?</summary>
    public static bool AnyContains(ImmutableArray<CidrRange> nets, (UInt128 Value, int Length) address)
    {
        foreach (var n in nets)
        {
            if (n.Contains(address.Value, address.Length))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A pod matches the endpoint criteria by its own labels, namespace and service account, or by its IP lying in a
    /// network set they pick (Calico's IP set holds both); then notSelector excludes it by its labels or by its IP lying
    /// in a set notSelector matches.
    /// </summary>
    private Miss PodCheck(CalicoEndpoint x)
    {
        if (PodLabelCheck(x) is var miss && miss != Miss.None && SelectedSetOf(x) is null)
        {
            return miss;
        }

        if (NotSelector is null)
        {
            return Miss.None;
        }

        return NotSelector.Matches(x.Labels) ? Miss.InNotSelector : NotSelectedSetOf(x) is not null ? Miss.InNotSelectedSet : Miss.None;
    }

    /// <summary>The positive endpoint criteria against the pod's own labels, namespace and service account.</summary>
    private Miss PodLabelCheck(CalicoEndpoint x)
    {
        if (NamespaceSelector is not null)
        {
            if (!NamespaceSelector.Matches(x.NamespaceLabels))
            {
                return Miss.NotInNamespaceSelector;
            }
        }
        else if (OwnNamespace is not null && x.Namespace != OwnNamespace)
        {
            return Miss.NotInOwnNamespace;
        }

        if (Selector is not null && !Selector.Matches(x.Labels))
        {
            return Miss.NotInSelector;
        }

        if (!ServiceAccountNames.IsDefaultOrEmpty && !ServiceAccountNames.Contains(x.ServiceAccount))
        {
            return Miss.NotInServiceAccounts;
        }

        return ServiceAccountSelector is not null && !ServiceAccountSelector.Matches(x.ServiceAccountLabels) ? Miss.NotInServiceAccountSelector : Miss.None;
    }

    /// <summary>
    /// An address outside the pod set against endpoint criteria: it matches through a network set the criteria pick.
    /// With notSelector alone a GlobalNetworkPolicy's rule picks every address (a namespaced policy's, its namespace's
    /// sets); an address in a set notSelector matches is excluded.
    /// </summary>
    private Miss ExternalCheck(CalicoEndpoint x)
    {
        var positive = Selector is not null || NamespaceSelector is not null || !ServiceAccountNames.IsDefaultOrEmpty || ServiceAccountSelector is not null || OwnNamespace is not null;
        if (positive && SelectedSetOf(x) is null)
        {
            return Miss.InNoSelectedSet;
        }

        return NotSelector is not null && NotSelectedSetOf(x) is not null ? Miss.InNotSelectedSet : Miss.None;
    }

    private CalicoSetNet? SelectedSetOf(CalicoEndpoint x) => x.Address is null ? null : FirstHolding(SelectedSets, x.AddressValue);

    private CalicoSetNet? NotSelectedSetOf(CalicoEndpoint x) => x.Address is null ? null : FirstHolding(NotSelectedSets, x.AddressValue);

    private static CalicoSetNet? FirstHolding(ImmutableArray<CalicoSetNet> sets, (UInt128 Value, int Length) address)
    {
        foreach (var s in sets.IsDefault ? [] : sets)
        {
            if (s.Net.Contains(address.Value, address.Length))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>The reason text for a refusal <see cref="Check"/> found.</summary>
    private string Describe(Miss miss, CalicoEndpoint x, string side) => miss switch
    {
        Miss.Broken => $"{side}: a selector does not parse, so it matches nothing",
        Miss.NoAddress => $"{side}: {x} has no IP to compare with nets",
        Miss.NotInNets => $"{side}: {x.Address} is not in nets [{string.Join(", ", Nets)}]",
        Miss.InNotNets => $"{side}: {x.Address} is in notNets {NotNets.First(n => n.Contains(x.Address!))}",
        Miss.NotInNamespaceSelector => $"{side}: namespace {x.Namespace} does not match namespaceSelector {NamespaceSelector}",
        Miss.NotInOwnNamespace => $"{side}: {x} is not in the policy's namespace {OwnNamespace}",
        Miss.NotInSelector => $"{side}: {x} does not match selector {Selector}",
        Miss.NotInServiceAccounts => $"{side}: service account {x.ServiceAccount} is not in [{string.Join(", ", ServiceAccountNames)}]",
        Miss.NotInServiceAccountSelector => x.Account is null
            ? $"{side}: service account {x.Namespace}/{x.ServiceAccount} does not match selector {ServiceAccountSelector} (the ServiceAccount is not in the snapshot, so only its name label is known)"
            : $"{side}: service account {x.Namespace}/{x.ServiceAccount} does not match selector {ServiceAccountSelector}",
        Miss.InNotSelector => $"{side}: {x} matches notSelector {NotSelector}",
        Miss.InNoSelectedSet => SelectedSets.IsDefaultOrEmpty
            ? $"{side}: {x} is not a Calico endpoint and no network set the selectors pick holds it, so selectors cannot match it"
            : $"{side}: {x} is in none of the network sets the selectors pick ({string.Join(", ", SelectedSets.Select(s => s.Name).Distinct(StringComparer.Ordinal))})",
        Miss.InNotSelectedSet => x.IsPod
            ? $"{side}: {x}: pod {x.Address} lies in {NotSelectedSetOf(x)}, which matches notSelector {NotSelector}"
            : $"{side}: {x} is in {NotSelectedSetOf(x)}, which matches notSelector {NotSelector}",
        _ => throw new ArgumentOutOfRangeException(nameof(miss)),
    };
}
