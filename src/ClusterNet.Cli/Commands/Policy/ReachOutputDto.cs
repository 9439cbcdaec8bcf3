using ClusterNet.Core.Policy.Queries;

namespace ClusterNet.Cli.Commands.Policy;

/// <summary>`{"cells":[...]}` (contract: issue 4); the cells are the same records `GET /api/policy/reach` returns.</summary>
public sealed record ReachOutputDto(IReadOnlyList<ReachCellDto> Cells);
