using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// One port alternative of a compiled rule: a range or a named port, with the protocol it needs when it carries one
/// (Kubernetes NetworkPolicy ports do; a Calico rule's protocol is checked on the rule).
/// </summary>
internal sealed record CalicoPortSpec(string? Protocol, int First, int Last, string? Name)
{
    public static CalicoPortSpec From(CalicoPortInfo p) => new(null, p.First, p.Last, p.Name);

    public bool Matches(ReachProbe probe, CalicoEndpoint endpoint)
    {
        if (Protocol is not null && !string.Equals(Protocol, probe.Protocol, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Name is null)
        {
            return probe.Port >= First && probe.Port <= Last;
        }

        return endpoint.Pod is { } pod && pod.Containers.Any(c => c.Ports.Any(cp =>
            cp.Name == Name && cp.Port == probe.Port && string.Equals(cp.Protocol, probe.Protocol, StringComparison.OrdinalIgnoreCase)));
    }

    public override string ToString()
    {
        var port = Name is not null ? $"{Name} (named)" : First == 0 && Last == 65535 ? "all ports" : First == Last ? $"{First}" : $"{First}:{Last}";
        return Protocol is null ? port : $"{Protocol} {port}";
    }
}
