using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// A compiled <c>source</c> or <c>destination</c> of a rule. Calico's scoping, as its policy converter applies it: in a
/// namespaced policy a selector, notSelector or serviceAccounts without namespaceSelector means the policy's namespace;
/// with namespaceSelector, the namespaces it picks; in a GlobalNetworkPolicy, every namespace. Endpoint criteria match
/// an address outside the pod set only through the network sets they pick (<see cref="SelectedSets"/>, scoped the
/// same way by <see cref="CalicoNetworkSetIndex"/>); nets match pod IPs as well as external ones.
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
    /// <summary>Nets of the network sets <see cref="NotSelector"/> matches: an external address in one is excluded.</summary>
    public ImmutableArray<CalicoSetNet> NotSelectedSets { get; init; } = [];

    private bool HasEndpointCriteria => Selector is not null || NotSelector is not null || NamespaceSelector is not null
        || !ServiceAccountNames.IsDefaultOrEmpty || ServiceAccountSelector is not null;

    /// <summary>Null when <paramref name="x"/> matches; else why not. <paramref name="portKnown"/> is false on the source side (ephemeral port).</summary>
    public string? Mismatch(CalicoEndpoint x, ReachProbe probe, bool portKnown, string side, List<string> caveats)
    {
        if (Broken)
        {
            return $"{side}: a selector does not parse, so it matches nothing";
        }

        if (!Nets.IsDefaultOrEmpty || NetsInvalid)
        {
            if (x.Address is null)
            {
                return $"{side}: {x} has no IP to compare with nets";
            }

            if (!Nets.Any(n => n.Contains(x.Address)))
            {
                return $"{side}: {x.Address} is not in nets [{string.Join(", ", Nets)}]";
            }
        }

        if (!NotNets.IsDefaultOrEmpty && x.Address is { } addr && NotNets.FirstOrDefault(n => n.Contains(addr)) is { } hit)
        {
            return $"{side}: {addr} is in notNets {hit}";
        }

        if (HasEndpointCriteria)
        {
            if (EndpointMismatch(x, side) is { } why)
            {
                return why;
            }
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
    /// The network set through which an external address matched this side's endpoint criteria ("GlobalNetworkSet
    /// `blocklist` 10.9.0.0/16"); null for a pod, an address matched by nets, or no endpoint criteria.
    /// </summary>
    public CalicoSetNet? SetOf(CalicoEndpoint x) =>
        x.IsPod || x.Address is not { } a || !HasEndpointCriteria ? null : SelectedSets.FirstOrDefault(s => s.Net.Contains(a));

    /// <summary>" (source 10.9.1.1 in GlobalNetworkSet `blocklist` 10.9.0.0/16)" when a rule matched an address through a network set, else "".</summary>
    public static string ViaSets(CalicoEntityMatcher source, CalicoEndpoint src, CalicoEntityMatcher destination, CalicoEndpoint dst)
    {
        var parts = new List<string>(2);
        if (source.SetOf(src) is { } s)
        {
            parts.Add($"source {src} in {s}");
        }

        if (destination.SetOf(dst) is { } d)
        {
            parts.Add($"destination {dst} in {d}");
        }

        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }

    private string? EndpointMismatch(CalicoEndpoint x, string side)
    {
        if (!x.IsPod)
        {
            return ExternalMismatch(x, side);
        }

        if (NamespaceSelector is not null)
        {
            if (!NamespaceSelector.Matches(x.NamespaceLabels))
            {
                return $"{side}: namespace {x.Namespace} does not match namespaceSelector {NamespaceSelector}";
            }
        }
        else if (OwnNamespace is not null && x.Namespace != OwnNamespace)
        {
            return $"{side}: {x} is not in the policy's namespace {OwnNamespace}";
        }

        if (Selector is not null && !Selector.Matches(x.Labels))
        {
            return $"{side}: {x} does not match selector {Selector}";
        }

        if (!ServiceAccountNames.IsDefaultOrEmpty && !ServiceAccountNames.Contains(x.ServiceAccount))
        {
            return $"{side}: service account {x.ServiceAccount} is not in [{string.Join(", ", ServiceAccountNames)}]";
        }

        if (ServiceAccountSelector is not null && !ServiceAccountSelector.Matches(x.ServiceAccountLabels))
        {
            return x.Account is null
                ? $"{side}: service account {x.Namespace}/{x.ServiceAccount} does not match selector {ServiceAccountSelector} (the ServiceAccount is not in the snapshot, so only its name label is known)"
                : $"{side}: service account {x.Namespace}/{x.ServiceAccount} does not match selector {ServiceAccountSelector}";
        }

        if (NotSelector is not null && NotSelector.Matches(x.Labels))
        {
            return $"{side}: {x} matches notSelector {NotSelector}";
        }

        return null;
    }

    /// <summary>
    /// An address outside the pod set against endpoint criteria: it matches through a network set the criteria pick.
    /// With notSelector alone a GlobalNetworkPolicy's rule picks every address (a namespaced policy's, its namespace's
    /// sets); an address in a set notSelector matches is excluded.
    /// </summary>
    private string? ExternalMismatch(CalicoEndpoint x, string side)
    {
        var positive = Selector is not null || NamespaceSelector is not null || !ServiceAccountNames.IsDefaultOrEmpty || ServiceAccountSelector is not null || OwnNamespace is not null;
        if (positive && SetOf(x) is null)
        {
            return SelectedSets.IsDefaultOrEmpty
                ? $"{side}: {x} is not a Calico endpoint and no network set the selectors pick holds it, so selectors cannot match it"
                : $"{side}: {x} is in none of the network sets the selectors pick ({string.Join(", ", SelectedSets.Select(s => s.Name).Distinct(StringComparer.Ordinal))})";
        }

        if (NotSelector is not null && x.Address is { } a && NotSelectedSets.FirstOrDefault(s => s.Net.Contains(a)) is { } hit)
        {
            return $"{side}: {x} is in {hit}, which matches notSelector {NotSelector}";
        }

        return null;
    }
}
