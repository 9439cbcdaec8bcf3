using System.Collections.Immutable;
using System.Text;

namespace ClusterNet.Core.Topology;

/// <summary>Predicted <c>ip route</c> and <c>ip link</c> of one node, with the caveats that apply to the prediction.</summary>
public sealed record NodeRouteTable(string Node, ImmutableArray<RouteEntry> Routes, ImmutableArray<LinkEntry> Links, ImmutableArray<string> Notes)
{
    /// <summary>Longest-prefix match over the predicted routes (what the kernel's FIB lookup would pick).</summary>
    public RouteEntry? Lookup(uint destination)
    {
        RouteEntry? best = null;
        var bestLen = -1;
        foreach (var r in Routes)
        {
            int len;
            if (r.Destination == "default")
            {
                len = 0;
            }
            else if (Ipv4Cidr.TryParse(r.Destination, out var c))
            {
                if (!c.Contains(destination))
                {
                    continue;
                }

                len = c.PrefixLength;
            }
            else if (Ipv4Cidr.TryParseAddress(r.Destination, out var host))
            {
                if (host != destination)
                {
                    continue;
                }

                len = 32;
            }
            else
            {
                continue;
            }

            if (len > bestLen)
            {
                best = r;
                bestLen = len;
            }
        }

        return best;
    }

    /// <summary>The text a person would compare with the node's output: notes as # comments, then both listings.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("# predicted for node ").Append(Node).Append('\n');
        foreach (var n in Notes)
        {
            sb.Append("# ").Append(n).Append('\n');
        }

        sb.Append("$ ip route\n");
        foreach (var r in Routes)
        {
            sb.Append(r).Append('\n');
        }

        sb.Append("$ ip link\n");
        foreach (var l in Links)
        {
            sb.Append(l).Append('\n');
        }

        return sb.ToString();
    }
}
