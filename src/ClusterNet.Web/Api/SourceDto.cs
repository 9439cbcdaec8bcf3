namespace ClusterNet.Web.Api;

public sealed record SourceDto(string Type, string Name);
