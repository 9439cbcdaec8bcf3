namespace ClusterNet.Cli.Commands.Policy;

/// <summary>`{"cells":[...]}`.</summary>
public sealed record ReachOutputDto(IReadOnlyList<ReachCellDto> Cells);
