using System.Text;

namespace ClusterNet.Core.Topology;

/// <summary>One predicted line of <c>ip route</c>; <see cref="ToString"/> prints it the way iproute2 does.</summary>
public sealed record RouteEntry
{
    /// <summary>"default", a CIDR, or a host address (calico's per-pod routes).</summary>
    public required string Destination { get; init; }
    /// <summary>null for a normal unicast route; "blackhole" for calico's local block.</summary>
    public string? Type { get; init; }
    public string? Via { get; init; }
    public string? Dev { get; init; }
    public string? Proto { get; init; }
    public string? Scope { get; init; }
    public string? Src { get; init; }
    public int? Metric { get; init; }
    public bool Onlink { get; init; }
    /// <summary>Why this route exists or what is uncertain about it (not part of the ip route text).</summary>
    public string? Note { get; init; }
    /// <summary>Node whose pods this route reaches, when it is a peer route.</summary>
    public string? Peer { get; init; }

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Type is not null)
        {
            sb.Append(Type).Append(' ');
        }

        sb.Append(Destination);
        if (Via is not null)
        {
            sb.Append(" via ").Append(Via);
        }

        if (Dev is not null)
        {
            sb.Append(" dev ").Append(Dev);
        }

        if (Proto is not null)
        {
            sb.Append(" proto ").Append(Proto);
        }

        if (Scope is not null)
        {
            sb.Append(" scope ").Append(Scope);
        }

        if (Src is not null)
        {
            sb.Append(" src ").Append(Src);
        }

        if (Metric is { } m)
        {
            sb.Append(" metric ").Append(m);
        }

        if (Onlink)
        {
            sb.Append(" onlink");
        }

        return sb.ToString();
    }
}
