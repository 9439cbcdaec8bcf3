using System.Text.Json.Serialization;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>What a decode step does; JSON and text write it lower-case (config, header, split, trust, take, skip, stop, result, note).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<DecodeAction>))]
public enum DecodeAction
{
    Config,
    Header,
    Split,
    Trust,
    Take,
    Skip,
    Stop,
    Result,
    Note,
}

/// <summary>Which implementation's split a header entry came from: nginx (commas and spaces), aspnet (commas only), or both.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<TokenSource>))]
public enum TokenSource
{
    Nginx,
    Aspnet,
    Both,
}

/// <summary>What an RFC 7239 for= node is: ipv4, ipv6, obfuscated ("_" identifier), unknown, invalid, or none (no for=).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ForwardedNodeKind>))]
public enum ForwardedNodeKind
{
    [JsonStringEnumMemberName("ipv4")]
    Ipv4,
    [JsonStringEnumMemberName("ipv6")]
    Ipv6,
    Obfuscated,
    Unknown,
    Invalid,
    None,
}
