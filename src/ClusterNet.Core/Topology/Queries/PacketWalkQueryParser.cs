using System.Globalization;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The one parser of a packet walk: <c>from</c>, <c>to</c>, <c>port</c>, <c>protocol</c>, <c>endpoint</c> (page URL and
/// <c>GET /api/packet-walk</c>). Messages are the walk's own ("port must be 1–65535, got 0").
/// </summary>
public static class PacketWalkQueryParser
{
    /// <summary>The message when either end is missing (REST answers it without a walk result).</summary>
    public const string EndsRequired = "from and to are required: from=ns/pod&to=ns/pod or to=svc/ns/name";

    public static QueryResult<PacketWalkQuery> Parse(QueryInput input)
    {
        var from = input.Get("from");
        var to = input.Get("to");
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            return QueryResult<PacketWalkQuery>.Failure(input.Error(string.IsNullOrWhiteSpace(from) ? "from" : "to", EndsRequired));
        }

        var rawProtocol = input.Get("protocol");
        var protocol = Protocol(rawProtocol);
        if (protocol is not ("TCP" or "UDP" or "SCTP"))
        {
            return QueryResult<PacketWalkQuery>.Failure(input.Error("protocol", $"protocol must be TCP, UDP or SCTP, got '{rawProtocol}'"));
        }

        var rawPort = input.Get("port");
        var port = QueryDefaults.Port;
        if (!string.IsNullOrWhiteSpace(rawPort) && !int.TryParse(rawPort.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out port))
        {
            return QueryResult<PacketWalkQuery>.Failure(input.Error("port", $"port must be 1–65535, got {rawPort}"));
        }

        if (port is < 1 or > 65535)
        {
            return QueryResult<PacketWalkQuery>.Failure(input.Error("port", $"port must be 1–65535, got {port.ToString(CultureInfo.InvariantCulture)}"));
        }

        var endpoint = input.Get("endpoint");
        return QueryResult<PacketWalkQuery>.Success(new PacketWalkQuery
        {
            From = from.Trim(),
            To = to.Trim(),
            Port = port,
            Protocol = protocol,
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : endpoint,
        });
    }

    /// <summary>
    /// The result REST and the page show for a query that did not parse (but named both ends): the request echoed, the
    /// message in <see cref="PacketWalkResult.Error"/>.
    /// </summary>
    public static PacketWalkResult Failed(QueryInput input, QueryError error)
    {
        var port = int.TryParse(input.Get("port")?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p : QueryDefaults.Port;
        return new PacketWalkResult
        {
            From = input.Get("from")?.Trim() ?? "",
            To = input.Get("to")?.Trim() ?? "",
            Port = port,
            Protocol = Protocol(input.Get("protocol")),
            Error = error.Message,
        };
    }

    private static string Protocol(string? raw) => string.IsNullOrWhiteSpace(raw) ? QueryDefaults.Protocol : raw.Trim().ToUpperInvariant();

    /// <summary>The query as URL parameters (the page's walk form writes these).</summary>
    public static IReadOnlyList<(string Name, string? Value)> ToParameters(PacketWalkQuery? query) =>
    [
        ("from", query?.From), ("to", query?.To),
        ("port", query?.Port.ToString(CultureInfo.InvariantCulture)), ("protocol", query?.Protocol), ("endpoint", query?.Endpoint),
    ];
}
