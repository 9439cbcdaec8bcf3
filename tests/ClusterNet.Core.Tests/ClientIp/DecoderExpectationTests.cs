using System.Net;
using ClusterNet.Core.ClientIp.Decoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// The decoder's answers spelled out for the rows that matter most (the agreement tests prove them against the
/// real servers; these pin them so a reader sees the semantics), plus ASP.NET-only rows with socket addresses
/// the loopback servers cannot produce, checked against the middleware on a DefaultHttpContext.
/// </summary>
public sealed class DecoderExpectationTests
{
    [Theory]
    [InlineData("single entry, trusted socket", "203.0.113.7", "203.0.113.7")]
    [InlineData("chain, recursive off, limit 1", "10.0.0.1", "10.0.0.1")]
    [InlineData("chain, recursive on, no limit", "203.0.113.7", "203.0.113.7")]
    [InlineData("spoofed left entry stops at first untrusted", "203.0.113.7", "203.0.113.7")]
    [InlineData("everything trusted: leftmost wins", "6.6.6.6", "6.6.6.6")]
    [InlineData("no trusted proxies at all", "127.0.0.5", "6.6.6.6")]
    [InlineData("garbage in the middle", "10.0.0.1", "10.0.0.1")]
    [InlineData("IPv6 in brackets without port", "127.0.0.5", "2001:db8::1")]
    [InlineData("IPv4 with port 0", "127.0.0.5", "203.0.113.7")]
    [InlineData("leading zero octet", "10.1.1.1", "8.1.1.1")]
    [InlineData("empty octet", "1.0.2.3", "127.0.0.5")]
    [InlineData("broadcast address", "127.0.0.5", "255.255.255.255")]
    [InlineData("space-separated entries", "203.0.113.7", "127.0.0.5")]
    [InlineData("tab after comma", "127.0.0.5", "203.0.113.7")]
    [InlineData("IPv4-compatible rendering", "::0.0.18.52", "::1234")]
    [InlineData("recursive off vs ForwardLimit 2", "10.0.0.1", "203.0.113.7")]
    [InlineData("X-Real-IP two lines", "203.0.113.7", "198.51.100.1")]
    [InlineData("X-Real-IP holding a list", "203.0.113.7", "203.0.113.7")]
    public void Decode_TableRow_ExpectedClientIps(string name, string nginx, string aspnet)
    {
        var c = DecodeCases.All.Single(x => x.Name == name);
        var result = ForwardedHeaderDecoder.Decode(c.ToRequest());
        Assert.Equal(nginx, result.Nginx.ClientIp);
        Assert.Equal(aspnet, result.AspNet.ClientIp);
        Assert.NotNull(result.Nginx.DecidingStep);
        Assert.NotNull(result.AspNet.DecidingStep);
    }

    [Fact]
    public void Decode_NoTrustedProxies_NoteExplainsOppositeDefaults()
    {
        var result = ForwardedHeaderDecoder.Decode(DecodeCases.All.Single(x => x.Name == "no trusted proxies at all").ToRequest());
        Assert.Contains(result.Notes, n => n.Contains("trusts every sender", StringComparison.Ordinal));
        Assert.False(result.Nginx.Changed);
        Assert.True(result.AspNet.Changed);
        Assert.Empty(result.AspNet.RemainingXff);
    }

    [Fact]
    public void Decode_ObfuscatedForwarded_FlaggedAndNotRead()
    {
        var request = Request("10.0.0.1", "10.0.0.0/8", "Forwarded: for=_hidden;proto=https, for=\"[2001:db8:cafe::17]:4711\"", "Forwarded: for=unknown", "X-Forwarded-For: 203.0.113.7");
        var result = ForwardedHeaderDecoder.Decode(request);
        Assert.Equal([ForwardedNodeKind.Obfuscated, ForwardedNodeKind.Ipv6, ForwardedNodeKind.Unknown], result.Forwarded.Select(f => f.ForKind));
        Assert.Equal("2001:db8:cafe::17", result.Forwarded[1].ForAddress);
        Assert.Equal("4711", result.Forwarded[1].Port);
        Assert.Contains(result.Notes, n => n.Contains("_hidden", StringComparison.Ordinal) && n.Contains("obfuscated", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("Forwarded (RFC 7239) is read by neither", StringComparison.Ordinal));
        Assert.Equal("203.0.113.7", result.Nginx.ClientIp);
    }

    [Fact]
    public void Decode_UnquotedIPv6InForwarded_Flagged()
    {
        var result = ForwardedHeaderDecoder.Decode(Request("10.0.0.1", "10.0.0.0/8", "Forwarded: for=[2001:db8::1]"));
        Assert.Contains(result.Notes, n => n.Contains("must be a quoted string", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2001:db8::1:443", "no brackets")]
    [InlineData("garbage", "Garbage")]
    [InlineData("[2001:db8::1]", "bracketed IPv6 address without a port")]
    [InlineData("\"203.0.113.7\"", "Quoted")]
    [InlineData("010.1.1.1", "Read differently")]
    [InlineData("203.0.113.7 10.0.0.1", "Contains a space")]
    public void Decode_MalformedEntry_TokenFlagged(string entry, string flagFragment)
    {
        var result = ForwardedHeaderDecoder.Decode(Request("10.0.0.1", "10.0.0.0/8", "X-Forwarded-For: " + entry));
        Assert.Contains(result.Tokens, t => t.Flag?.Contains(flagFragment, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Decode_WellFormedEntry_NoFlag()
    {
        var result = ForwardedHeaderDecoder.Decode(Request("10.0.0.1", "10.0.0.0/8", "X-Forwarded-For: 203.0.113.7, [2001:db8::1]:443"));
        Assert.All(result.Tokens, t => Assert.Null(t.Flag));
        Assert.Equal(2, result.Tokens.Length);
    }

    public static TheoryData<string, string, string, int?> AspNetOnlyRows => new()
    {
        { "10.1.2.3", "10.0.0.0/8", "X-Forwarded-For: 203.0.113.7", 1 },
        { "::ffff:10.1.2.3", "10.0.0.0/8", "X-Forwarded-For: 203.0.113.7", 1 },
        { "::ffff:10.1.2.3", "::ffff:10.1.2.3", "X-Forwarded-For: 203.0.113.7", 1 },
        { "192.168.1.1", "10.0.0.0/8", "X-Forwarded-For: 203.0.113.7", 1 },
        { "10.1.2.3", "10.0.0.0/8,172.16.0.0/12", "X-Forwarded-For: 6.6.6.6, 203.0.113.7, 172.16.4.4", null },
        { "2001:db8::10", "2001:db8::/64", "X-Forwarded-For: 203.0.113.7, [2001:db8::20]:8443", null },
        { "10.1.2.3", "10.1.2.3", "X-Forwarded-For: 0x7f.1", 1 },
    };

    [Theory]
    [MemberData(nameof(AspNetOnlyRows))]
    public void Decode_NonLoopbackSocket_MatchesMiddlewareOnDefaultHttpContext(string remote, string trusted, string header, int? limit)
    {
        var c = new DecodeCase("aspnet-only", remote, [header], trusted, ForwardLimit: limit);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        foreach (var h in c.HeaderLines)
        {
            context.Request.Headers.Append(h.Name, h.KestrelValue);
        }

        new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(RealAspNetFixture.OptionsFor(c))).ApplyForwarders(context);
        var decoded = AspNetForwardedDecoder.Decode(c.ToRequest());
        Assert.Equal(context.Connection.RemoteIpAddress!.ToString(), decoded.ClientIp);
        Assert.Equal(context.Request.Headers.GetCommaSeparatedValues(c.HeaderName), decoded.RemainingXff);
    }

    private static ForwardedDecodeRequest Request(string remote, string trusted, params string[] headers) =>
        new DecodeCase("adhoc", remote, headers, trusted, Recursive: true, ForwardLimit: null).ToRequest();
}
