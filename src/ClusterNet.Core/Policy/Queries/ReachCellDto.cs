using System.Text.Json.Serialization;

namespace ClusterNet.Core.Policy.Queries;

/// <summary>
/// One cell of <c>clusternet reach --format json</c> and <c>GET /api/policy/reach</c> (the same shape in both): from, to,
/// port, protocol, allowed, the reason sentence and, on implementation-defined cells, the caveat.
/// </summary>
public sealed record ReachCellDto(
    string From,
    string To,
    int Port,
    string Protocol,
    bool Allowed,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Caveat)
{
    public static ReachCellDto Of(ReachExplanation e) =>
        new(e.From.ToString(), e.To.ToString(), e.Probe.Port, e.Probe.Protocol, e.Allowed, e.Summary, e.Caveat);
}
