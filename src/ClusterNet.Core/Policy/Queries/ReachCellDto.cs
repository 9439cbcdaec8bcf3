using System.Text.Json.Serialization;

namespace ClusterNet.Core.Policy.Queries;

/// <summary>
/// One cell of <c>clusternet reach --format json</c> and <c>GET /api/policy/reach</c> (the same shape in both): from, to,
/// port, protocol, allowed, the reason sentence and the caveat: why an implementation-defined cell depends on the CNI,
/// and the enforcement qualifier (<see cref="PolicyEnforcement.Qualifier"/>) when the CNI does not enforce policy.
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
    public static ReachCellDto Of(ReachExplanation e, string? qualifier = null) =>
        new(e.From.ToString(), e.To.ToString(), e.Probe.Port, e.Probe.Protocol, e.Allowed, e.Summary, Join(e.Caveat, qualifier));

    private static string? Join(string? caveat, string? qualifier) => (caveat, qualifier) switch
    {
        (null, _) => qualifier,
        (_, null) => caveat,
        _ => $"{caveat}; {qualifier}",
    };
}
