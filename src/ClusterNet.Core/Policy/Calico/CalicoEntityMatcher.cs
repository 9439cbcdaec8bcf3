using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// A compiled <c>source</c> or <c>destination</c> of a rule. Calico's scoping, as its policy converter applies it: in a
/// namespaced policy a selector, notSelector or serviceAccounts without namespaceSelector means the policy's namespace;
/// with namespaceSelector, the namespaces it picks; in a GlobalNetworkPolicy, every namespace. Endpoint criteria never
/// match an address outside the pod set (NetworkSets are not modelled); nets match pod IPs as well as external ones.
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

    private string? EndpointMismatch(CalicoEndpoint x, string side)
    {
        // A GlobalNetworkPolicy whose only endpoint criterion is notSelector still matches addresses outside the pod set.
        var onlyNot = NotSelector is not null && Selector is null && NamespaceSelector is null && ServiceAccountNames.IsDefaultOrEmpty && ServiceAccountSelector is null;
        if (!x.IsPod)
        {
            return onlyNot && OwnNamespace is null ? null : $"{side}: {x} is not a Calico endpoint, so selectors cannot match it";
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
            return $"{side}: service account {x.ServiceAccount} does not match selector {ServiceAccountSelector} (only its name label is known)";
        }

        if (NotSelector is not null && NotSelector.Matches(x.Labels))
        {
            return $"{side}: {x} matches notSelector {NotSelector}";
        }

        return null;
    }
}
