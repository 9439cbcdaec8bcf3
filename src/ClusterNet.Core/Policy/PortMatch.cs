namespace ClusterNet.Core.Policy;

/// <summary>
/// How a rule's ports answer one probe: no destination, every destination, or the destinations whose named port
/// resolves to the probe's number (named ports resolve per destination pod).
/// </summary>
internal readonly record struct PortMatch(PortMatchKind Kind, PodSet? Pods)
{
    public static readonly PortMatch None = new(PortMatchKind.None, null);
    public static readonly PortMatch All = new(PortMatchKind.All, null);

    public bool Covers(int destination) => Kind == PortMatchKind.All || (Kind == PortMatchKind.Some && Pods!.Has(destination));

    public static PortMatch Of(CompiledRule rule, PolicyIndex index, ReachProbe probe)
    {
        if (rule.Ports is null)
        {
            return All;
        }

        PodSet? named = null;
        foreach (var port in rule.Ports.Value)
        {
            if (port.Protocol != probe.Protocol)
            {
                continue;
            }

            if (port.Name is null)
            {
                if (port.MatchesNumber(probe))
                {
                    return All;
                }

                continue;
            }

            var pods = index.NamedPortPods(port.Name, port.Protocol, probe.Port);
            if (pods.IsEmpty)
            {
                continue;
            }

            if (named is null)
            {
                named = pods;
            }
            else
            {
                named = named.Clone();
                named.UnionWith(pods);
            }
        }

        return named is null ? None : new PortMatch(PortMatchKind.Some, named);
    }
}
