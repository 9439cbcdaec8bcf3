using System.Text.Json.Serialization;

namespace ClusterNet.Web.Api;

/// <summary>One kind in <c>/api/snapshot</c>: status is <c>KindStatus.StateName</c>; message only when the source gave one.</summary>
public sealed record KindSummaryDto(
    int Count,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);
