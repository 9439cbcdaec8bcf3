using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>A tier with its policies sorted as Felix sorts them: order ascending, no order last, ties by name.</summary>
internal sealed class CalicoTier
{
    public required string Name { get; init; }
    public double? Order { get; init; }
    public CalicoRuleAction DefaultAction { get; init; } = CalicoRuleAction.Deny;
    /// <summary>False when policies name a tier no Tier object defines (Calico would have refused them).</summary>
    public bool Defined { get; init; } = true;
    public ImmutableArray<CalicoCompiledPolicy> Policies { get; init; } = [];

    public string Label => Order is { } o ? $"tier {Name} (order {o:0.###})" : $"tier {Name}";

    public static int CompareOrder(double? a, double? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        var (x, y) => x!.Value.CompareTo(y!.Value),
    };
}
