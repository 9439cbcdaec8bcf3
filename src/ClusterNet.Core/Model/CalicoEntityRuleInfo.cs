using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>
/// A Calico rule's <c>source</c> or <c>destination</c>. Every member set must hold (AND). Null members are absent.
/// Selectors are kept as written; the engine parses them and reports bad ones.
/// </summary>
public sealed record CalicoEntityRuleInfo
{
    public static CalicoEntityRuleInfo Any { get; } = new();

    public string? Selector { get; init; }
    public string? NotSelector { get; init; }
    public string? NamespaceSelector { get; init; }
    /// <summary>serviceAccounts.names; empty when absent.</summary>
    public ImmutableArray<string> ServiceAccountNames { get; init; } = [];
    /// <summary>serviceAccounts.selector.</summary>
    public string? ServiceAccountSelector { get; init; }
    public ImmutableArray<string> Nets { get; init; } = [];
    public ImmutableArray<string> NotNets { get; init; } = [];
    public ImmutableArray<CalicoPortInfo> Ports { get; init; } = [];
    public ImmutableArray<CalicoPortInfo> NotPorts { get; init; } = [];
    /// <summary>Fields present that the engine does not evaluate (services, domains): the rule is reported, never silently widened.</summary>
    public ImmutableArray<string> Unmodelled { get; init; } = [];

    /// <summary>True when nothing narrows the peer (no selector, namespace, service account or net).</summary>
    public bool IsAnyPeer => Selector is null && NotSelector is null && NamespaceSelector is null && ServiceAccountNames.IsDefaultOrEmpty
        && ServiceAccountSelector is null && Nets.IsDefaultOrEmpty && NotNets.IsDefaultOrEmpty;
}
