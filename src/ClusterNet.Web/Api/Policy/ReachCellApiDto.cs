using System.Text.Json.Serialization;

namespace ClusterNet.Web.Api.Policy;

/// <summary>One cell, the same shape as `clusternet reach --format json`.</summary>
public sealed record ReachCellApiDto(
    string From,
    string To,
    int Port,
    string Protocol,
    bool Allowed,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Caveat);
