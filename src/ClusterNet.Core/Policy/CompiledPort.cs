using System.Globalization;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>A ports entry: protocol (TCP default), and a number (with optional endPort), a name, or neither (all ports).</summary>
internal sealed class CompiledPort
{
    public CompiledPort(NetworkPolicyPortInfo source)
    {
        Protocol = PolicyIndex.Proto(source.Protocol);
        if (source.Port is null)
        {
            Text = $"{Protocol} (all ports)";
            return;
        }

        if (int.TryParse(source.Port, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            Number = n;
            EndPort = source.EndPort is { } e && e >= n ? e : null;
            Text = EndPort is null ? $"{Protocol} {n}" : $"{Protocol} {n}-{EndPort}";
        }
        else
        {
            Name = source.Port;
            Text = $"{Protocol} {Name} (named)";
        }
    }

    public string Protocol { get; }
    public int? Number { get; }
    public int? EndPort { get; }
    public string? Name { get; }
    public string Text { get; }

    public bool IsAllPorts => Number is null && Name is null;

    /// <summary>Matches a numeric probe without looking at the destination (named ports need it).</summary>
    public bool MatchesNumber(ReachProbe probe) =>
        probe.Protocol == Protocol && (IsAllPorts || (Number is { } n && probe.Port >= n && probe.Port <= (EndPort ?? n)));
}
