namespace ClusterNet.Web.Api.Policy;

/// <summary>GET /api/policy/reach: the snapshot version and the cells.</summary>
public sealed record ReachResponseDto(long Version, IReadOnlyList<ReachCellApiDto> Cells);
