using System.Text.Json.Serialization;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// One address entry of the read header and what each implementation makes of it (null = cannot parse).
/// Nginx splits on commas and spaces, ASP.NET on commas only, so the token lists can differ; Source says which split it came from.
/// </summary>
public sealed record TokenReading(string Token, [property: JsonConverter(typeof(KebabCaseEnumConverter<TokenSource>))] TokenSource Source, string? Nginx, string? AspNet, string? Flag);
