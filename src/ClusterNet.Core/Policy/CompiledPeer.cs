using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>A from/to entry: selectors (AND when both are set) or an ipBlock.</summary>
internal sealed class CompiledPeer
{
    public CompiledPeer(NetworkPolicyPeerInfo source)
    {
        PodSelector = source.PodSelector is null ? null : CompiledSelector.Compile(source.PodSelector);
        NamespaceSelector = source.NamespaceSelector is null ? null : CompiledSelector.Compile(source.NamespaceSelector);
        IsIpBlock = source.IpBlock is not null;
        if (source.IpBlock is { } block)
        {
            if (CidrRange.TryParse(block.Cidr, out var cidr))
            {
                Cidr = cidr;
            }
            else
            {
                Error = $"ipBlock cidr '{block.Cidr}' is not a valid CIDR";
            }

            var excepts = new List<CidrRange>();
            foreach (var e in block.Except.IsDefault ? [] : block.Except)
            {
                if (CidrRange.TryParse(e, out var ex))
                {
                    excepts.Add(ex);
                }
                else
                {
                    Error ??= $"ipBlock except '{e}' is not a valid CIDR";
                }
            }

            Except = [.. excepts];
            Text = Except.IsEmpty ? $"ipBlock {block.Cidr}" : $"ipBlock {block.Cidr} except {string.Join(", ", Except)}";
        }
        else if (PodSelector is null && NamespaceSelector is null)
        {
            Error = "peer sets none of podSelector, namespaceSelector, ipBlock (the API server rejects it)";
            Text = "empty peer";
        }
        else
        {
            Text = string.Join(" AND ", new[]
            {
                NamespaceSelector is null ? null : $"namespaceSelector {NamespaceSelector.Text}",
                PodSelector is null ? null : $"podSelector {PodSelector.Text}",
            }.OfType<string>());
        }
    }

    public CompiledSelector? PodSelector { get; }
    public CompiledSelector? NamespaceSelector { get; }
    public bool IsIpBlock { get; }
    public CidrRange? Cidr { get; }
    public ImmutableArray<CidrRange> Except { get; } = [];
    public string? Error { get; }
    public string Text { get; }
}
