using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// The agreement table. Each row runs through real nginx (realip), real ASP.NET Core ForwardedHeadersMiddleware
/// behind Kestrel, and the decoder; both columns must agree. Rows are chosen where the two implementations
/// differ from each other or from intuition.
/// </summary>
public static class DecodeCases
{
    private const string Xff = ForwardedDecodeRequest.XForwardedFor;
    private const string XRealIp = ForwardedDecodeRequest.XRealIp;
    private const string Lo = "127.0.0.0/8";
    private const string LoAnd10 = "127.0.0.0/8,10.0.0.0/8";

    public static readonly DecodeCase[] All =
    [
        new("single entry, trusted socket", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7"], Lo),
        new("chain, recursive off, limit 1", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7, 10.0.0.1"], LoAnd10),
        new("chain, recursive on, no limit", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7, 10.0.0.1"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("spoofed left entry stops at first untrusted", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.0.0.1"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("everything trusted: leftmost wins", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6, 10.0.0.9, 10.0.0.1"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("socket not trusted", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7"], "10.0.0.0/8"),
        new("no trusted proxies at all", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6, 203.0.113.7"], "", Recursive: true, ForwardLimit: null),
        new("no trusted proxies, limit 1", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6, 203.0.113.7"], ""),
        new("two header lines", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6", "X-Forwarded-For: 203.0.113.7, 10.0.0.2"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("two header lines, all trusted", "127.0.0.5", ["X-Forwarded-For: 10.0.0.8", "X-Forwarded-For: 10.0.0.2"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("two header lines, recursive off", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6", "X-Forwarded-For: 203.0.113.7"], Lo),
        new("garbage in the middle", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7, garbage, 10.0.0.1"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("garbage rightmost", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7, garbage"], Lo, Recursive: true, ForwardLimit: null),
        new("IPv6 in brackets with port", "127.0.0.5", ["X-Forwarded-For: [2001:db8::1]:443"], Lo),
        new("IPv6 in brackets without port", "127.0.0.5", ["X-Forwarded-For: [2001:db8::1]"], Lo),
        new("IPv6 with port, no brackets", "127.0.0.5", ["X-Forwarded-For: 2001:db8::1:443"], Lo),
        new("IPv6 upper-case hex", "127.0.0.5", ["X-Forwarded-For: [2001:DB8::A]:80"], Lo),
        new("IPv4 with port", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7:8080"], Lo),
        new("IPv4 with port 0", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7:0"], Lo),
        new("three-part IPv4", "127.0.0.5", ["X-Forwarded-For: 1.2.3"], Lo),
        new("leading zero octet", "127.0.0.5", ["X-Forwarded-For: 010.1.1.1"], Lo),
        new("empty octet", "127.0.0.5", ["X-Forwarded-For: 1..2.3"], Lo),
        new("broadcast address", "127.0.0.5", ["X-Forwarded-For: 255.255.255.255"], Lo),
        new("quoted entry", "127.0.0.5", ["X-Forwarded-For: \"203.0.113.7\""], Lo),
        new("space-separated entries", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7 10.0.0.1"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("leading comma", "127.0.0.5", ["X-Forwarded-For: ,10.0.0.1"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("trailing comma", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7,"], Lo),
        new("tab after comma", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7,\t10.0.0.1"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("extra spaces", "127.0.0.5", ["X-Forwarded-For:   203.0.113.7  ,   10.0.0.1   "], LoAnd10, Recursive: true, ForwardLimit: null),
        new("empty header line after a full one", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7", "X-Forwarded-For:"], Lo, Recursive: true, ForwardLimit: null),
        new("lower-case header name", "127.0.0.5", ["x-forwarded-for: 203.0.113.7"], Lo),
        new("IPv4-mapped trusted hop", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7, ::ffff:10.0.0.3"], LoAnd10, Recursive: true, ForwardLimit: null),
        new("leading single colon IPv6", "127.0.0.5", ["X-Forwarded-For: :1::2"], Lo),
        new("IPv4-compatible rendering", "127.0.0.5", ["X-Forwarded-For: ::1234"], Lo),
        new("recursive off vs ForwardLimit 2", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.0.0.1"], LoAnd10, ForwardLimit: 2),
        new("ForwardLimit 0", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7"], Lo, ForwardLimit: 0),
        new("trusted single address matches", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7"], "127.0.0.5"),
        new("trusted single address misses", "127.0.0.6", ["X-Forwarded-For: 203.0.113.7"], "127.0.0.5"),
        new("CIDR with host bits", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7"], "127.0.0.9/8"),
        new("X-Real-IP single", "127.0.0.5", ["X-Real-IP: 203.0.113.7"], Lo, HeaderName: XRealIp),
        new("X-Real-IP two lines", "127.0.0.5", ["X-Real-IP: 203.0.113.7", "X-Real-IP: 198.51.100.1"], Lo, HeaderName: XRealIp),
        new("X-Real-IP holding a list", "127.0.0.5", ["X-Real-IP: 203.0.113.7, 10.0.0.1"], LoAnd10, HeaderName: XRealIp, Recursive: true, ForwardLimit: null),
        new("reading X-Real-IP ignores X-Forwarded-For", "127.0.0.5", ["X-Forwarded-For: 6.6.6.6"], Lo, HeaderName: XRealIp),
        new("only a Forwarded header", "127.0.0.5", ["Forwarded: for=203.0.113.7;proto=https"], Lo),
        new("IPv6 socket, trusted", "::1", ["X-Forwarded-For: 203.0.113.7"], "::1"),
        new("IPv6 socket, not trusted", "::1", ["X-Forwarded-For: 203.0.113.7"], Lo),
        new("long all-trusted chain", "127.0.0.5", ["X-Forwarded-For: 203.0.113.7, 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5, 10.0.0.6, 10.0.0.7"], LoAnd10, Recursive: true, ForwardLimit: null),
    ];

    public static TheoryData<DecodeCase> Theory()
    {
        var data = new TheoryData<DecodeCase>();
        foreach (var c in All)
        {
            data.Add(c);
        }

        return data;
    }
}
