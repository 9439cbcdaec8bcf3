using System.Globalization;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The one parser of topology inputs: the page's filter (<c>ns</c>, <c>node</c>, <c>label</c>, <c>q</c>) and the
/// builder inputs the CLI takes as flags (<c>node-subnet</c> repeatable, <c>nic</c>, <c>nic-mtu</c>). Errors in the order
/// the CLI always checked them: subnets, then the MTU.
/// </summary>
public static class TopologyQueryParser
{
    public static QueryResult<TopologyQuery> Parse(QueryInput input)
    {
        var errors = new List<QueryError>();
        var subnets = input.GetAll("node-subnet");
        foreach (var s in subnets)
        {
            if (!Ipv4Cidr.TryParse(s, out _))
            {
                errors.Add(input.Error("node-subnet", $"{input.Display("node-subnet")} '{s}' is not an IPv4 CIDR (e.g. 172.16.100.0/24)"));
            }
        }

        int? mtu = null;
        if (input.Get("nic-mtu") is { } rawMtu)
        {
            if (!int.TryParse(rawMtu, out var m))
            {
                errors.Add(input.Error("nic-mtu", $"{input.Display("nic-mtu")} must be a whole number, got '{rawMtu}'"));
            }
            else if (m is < 576 or > 65535)
            {
                errors.Add(input.Error("nic-mtu", $"{input.Display("nic-mtu")} must be 576–65535, got {m.ToString(CultureInfo.InvariantCulture)}"));
            }
            else
            {
                mtu = m;
            }
        }

        if (errors.Count > 0)
        {
            return QueryResult<TopologyQuery>.Failure(errors);
        }

        var filter = new TopologyFilter(Text(input, "ns"), Text(input, "label"), Text(input, "node"), Text(input, "q"));
        return QueryResult<TopologyQuery>.Success(new TopologyQuery
        {
            Filter = filter.IsEmpty ? null : filter,
            NodeSubnets = [.. subnets],
            NicName = input.Get("nic"),
            NicMtu = mtu,
        });
    }

    /// <summary>A filter value as the page keeps it: trimmed, empty meaning none.</summary>
    private static string? Text(QueryInput input, string name) => input.Get(name)?.Trim() is { Length: > 0 } v ? v : null;
}
