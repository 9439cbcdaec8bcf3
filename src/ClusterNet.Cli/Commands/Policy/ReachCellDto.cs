using System.Text.Json.Serialization;

namespace ClusterNet.Cli.Commands.Policy;

/// <summary>One cell of `clusternet reach --format json` (contract: issue 4).</summary>
public sealed record ReachCellDto(
    string From,
    string To,
    int Port,
    string Protocol,
    bool Allowed,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Caveat);
