namespace ClusterNet.Web.Api;

/// <summary><c>GET /api/snapshot</c>: {"source":{"type","name"},"version":N,"kinds":{"pods":{"count","status","message"?}}}.</summary>
public sealed record SnapshotSummaryDto(SourceDto Source, long Version, IReadOnlyDictionary<string, KindSummaryDto> Kinds);
