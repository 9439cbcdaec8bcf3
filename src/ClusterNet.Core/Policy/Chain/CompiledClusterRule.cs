using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// One rule of a cluster policy: its action, its peers (pods matched as a bitset) and its ports as a
/// <see cref="CompiledRule"/> so the engine's port classes and <see cref="PortMatch"/> serve it like a NetworkPolicy rule.
/// </summary>
internal sealed class CompiledClusterRule
{
    public CompiledClusterRule(ClusterPolicyRuleInfo source, int index, bool ingress, PolicyCompiler compiler)
    {
        Source = source;
        Index = index;
        Ingress = ingress;
        Peers = [.. (source.Peers.IsDefault ? [] : source.Peers).Select(p => new CompiledClusterPeer(p, compiler))];
        var pods = new PodSet(compiler.Index.PodCount);
        foreach (var p in Peers)
        {
            pods.UnionWith(p.Pods);
        }

        ImmutableArray<CompiledPort>? ports = null;
        if (source.Ports is { } written)
        {
            var list = new List<CompiledPort>();
            foreach (var p in written)
            {
                // A named port carries no protocol in these APIs: it matches the container port of that name, any protocol.
                foreach (var protocol in p.NamedPort is not null ? ["TCP", "UDP", "SCTP"] : new[] { p.Protocol ?? "TCP" })
                {
                    list.Add(new CompiledPort(new NetworkPolicyPortInfo(
                        protocol, p.NamedPort ?? p.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture), p.EndPort)));
                }
            }

            ports = [.. list];
        }

        Rule = new CompiledRule
        {
            Id = PolicyCompiler.NextRuleId(),
            Index = index,
            Ingress = ingress,
            Peers = [],
            Ports = ports,
            SelectorPods = pods,
            IpBlockPods = new PodSet(compiler.Index.PodCount),
            AllPods = pods,
        };
        PortsText = source.Ports is null ? "all ports" : string.Join(", ", PortTexts(source.Ports.Value));
    }

    public ClusterPolicyRuleInfo Source { get; }
    public int Index { get; }
    public bool Ingress { get; }
    public ClusterPolicyAction? Action => Source.Action;
    public ImmutableArray<CompiledClusterPeer> Peers { get; }
    public CompiledRule Rule { get; }
    public string PortsText { get; }
    public bool HasDomainNames => Peers.Any(p => !p.DomainNames.IsEmpty);

    /// <summary>"ingress rule 2" (1-based: rules are read in order) plus the rule's name when it has one.</summary>
    public string Label => $"{(Ingress ? "ingress" : "egress")} rule {Index + 1}" + (string.IsNullOrEmpty(Source.Name) ? "" : $" \"{Source.Name}\"");

    private static IEnumerable<string> PortTexts(ImmutableArray<ClusterPolicyPortInfo> ports) => ports.Select(p =>
        p.NamedPort is { } n ? $"named port {n}"
        : p.Port is null ? $"{p.Protocol} (all ports)"
        : p.EndPort is { } e ? $"{p.Protocol} {p.Port}-{e}" : $"{p.Protocol} {p.Port}");
}
