using System.Globalization;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Topology.Overlay;

/// <summary>
/// The one parser of the overlay's URL state (<c>overlay</c>, <c>oport</c>, <c>oproto</c>, <c>opod</c>). Lenient as links
/// are: an unknown direction is "off", an unknown protocol TCP; a port out of range and a typed pod that is no pod are
/// reported by <see cref="Validate"/> with the messages the panel shows.
/// </summary>
public static class OverlayQueryParser
{
    public static OverlayQuery Parse(QueryInput input)
    {
        var port = int.TryParse(input.Get("oport")?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p : QueryDefaults.Port;
        var protocol = input.Get("oproto")?.Trim().ToUpperInvariant() is { } proto && ReachProbe.Protocols.Contains(proto) ? proto : QueryDefaults.Protocol;
        var pod = input.Get("opod")?.Trim();
        return new OverlayQuery(ParseDirection(input.Get("overlay")), port, protocol, string.IsNullOrEmpty(pod) ? null : pod);
    }

    public static OverlayDirection? ParseDirection(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "from" => OverlayDirection.From,
        "to" => OverlayDirection.To,
        _ => null,
    };

    public static string? DirectionText(OverlayDirection? direction) => direction switch
    {
        OverlayDirection.From => "from",
        OverlayDirection.To => "to",
        _ => null,
    };

    /// <summary>
    /// The pod the overlay is about: the typed one, else <paramref name="selected"/>; or the message saying why there is
    /// none. Null pod and null message: the overlay is off.
    /// </summary>
    public static (ObjectKey? Pod, string? Message) Resolve(OverlayQuery query, ObjectKey? selected)
    {
        if (query.Direction is not { } direction)
        {
            return (null, null);
        }

        if (query.Port is < 1 or > 65535)
        {
            return (null, $"Port {query.Port.ToString(CultureInfo.InvariantCulture)} is out of range: enter 1-65535.");
        }

        if (query.Pod is { } typed)
        {
            return ReachEndpoint.TryParse(typed, out var endpoint) && endpoint.Pod is { } pod
                ? (pod, null)
                : (null, $"'{typed}' is not a pod: write namespace/name.");
        }

        return selected is { } key
            ? (key, null)
            : (null, "Click a pod on the graph (or type one) to colour " + (direction == OverlayDirection.From ? "the pods it can reach." : "the pods that can reach it."));
    }

    /// <summary>The query as URL parameters; off removes them all. <paramref name="pin"/> is written when no pod is typed.</summary>
    public static IReadOnlyList<(string Name, string? Value)> ToParameters(OverlayQuery query, string? pin)
    {
        var on = query.Direction is not null;
        return
        [
            ("overlay", DirectionText(query.Direction)),
            ("oport", on ? query.Port.ToString(CultureInfo.InvariantCulture) : null),
            ("oproto", on ? query.Protocol : null),
            ("opod", on ? query.Pod ?? pin : null),
        ];
    }
}
