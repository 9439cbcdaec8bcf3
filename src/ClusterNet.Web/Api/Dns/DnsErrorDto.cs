namespace ClusterNet.Web.Api.Dns;

/// <summary>A 400 answer: what was wrong with the request.</summary>
public sealed record DnsErrorDto(string Error);
