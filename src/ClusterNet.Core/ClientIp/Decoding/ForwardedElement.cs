using System.Text.Json.Serialization;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// One element of an RFC 7239 Forwarded header. For is the node as written (unquoted); ForKind says what it is:
/// ipv4, ipv6, obfuscated ("_" identifier), unknown, or invalid. Port is the node port when given (may be obfuscated).
/// </summary>
public sealed record ForwardedElement(string Raw, string? For, [property: JsonConverter(typeof(KebabCaseEnumConverter<ForwardedNodeKind>))] ForwardedNodeKind ForKind, string? ForAddress, string? Port, string? By, string? Proto, string? Host, string? Error);
