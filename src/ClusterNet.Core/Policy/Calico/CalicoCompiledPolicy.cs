using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>A policy placed in Calico's model: tier, order, which endpoints it applies to, and its rules per direction.</summary>
internal sealed class CalicoCompiledPolicy
{
    public required CalicoPolicySource Source { get; init; }
    public required ObjectKey Key { get; init; }
    /// <summary>As the explanation names it: "GlobalNetworkPolicy deny-db", "NetworkPolicy dev/web", "knp.default.allow-80 (NetworkPolicy dev/allow-80)".</summary>
    public required string Display { get; init; }
    /// <summary>The name Felix sorts ties by.</summary>
    public required string SortName { get; init; }
    public required string Tier { get; init; }
    public double? Order { get; init; }
    /// <summary>Null for a GlobalNetworkPolicy.</summary>
    public string? Namespace { get; init; }
    public required CalicoSelector Selector { get; init; }
    public CalicoSelector? NamespaceSelector { get; init; }
    public CalicoSelector? ServiceAccountSelector { get; init; }
    public bool SelectorBroken { get; init; }
    public required bool Ingress { get; init; }
    public required bool Egress { get; init; }
    public ImmutableArray<CalicoCompiledRule> IngressRules { get; init; } = [];
    public ImmutableArray<CalicoCompiledRule> EgressRules { get; init; } = [];

    public string OrderText => Order is { } o ? $"order {o:0.###}" : "no order";

    public bool AppliesTo(CalicoEndpoint e)
    {
        if (SelectorBroken || e.Pod is null)
        {
            return false;
        }

        if (Namespace is not null && e.Namespace != Namespace)
        {
            return false;
        }

        return (NamespaceSelector is null || NamespaceSelector.Matches(e.NamespaceLabels))
            && Selector.Matches(e.Labels)
            && (ServiceAccountSelector is null || ServiceAccountSelector.Matches(e.ServiceAccountLabels));
    }
}
