using ClusterNet.Core.Policy.Queries;

namespace ClusterNet.Web.Api.Policy;

/// <summary>GET /api/policy/reach: the snapshot version and the cells (the records `clusternet reach --format json` prints).</summary>
public sealed record ReachResponseDto(long Version, IReadOnlyList<ReachCellDto> Cells);
