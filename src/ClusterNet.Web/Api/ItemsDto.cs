namespace ClusterNet.Web.Api;

/// <summary>List responses: the snapshot version the items come from, and the items (model records, camelCase).</summary>
public sealed record ItemsDto<T>(long Version, IReadOnlyList<T> Items);
