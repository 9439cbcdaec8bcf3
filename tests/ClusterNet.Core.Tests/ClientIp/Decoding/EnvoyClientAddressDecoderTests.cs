using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp.Decoding;

/// <summary>
/// Envoy's trusted client address. The six numbered cases are the examples of Envoy's documentation
/// (docs/root/configuration/http/http_conn_man/headers.rst, "x-forwarded-for"); the others pin the rules of
/// Http::Utility::getLastAddressFromXFF behind them. Envoy appends with "," (HeaderMapImpl::appendToHeader) where the
/// documentation prints ", ", so forwarded XFF values are compared as address lists.
/// </summary>
public sealed class EnvoyClientAddressDecoderTests
{
    private static EnvoyClientAddressResult Decode(string remote, string? xff, bool useRemoteAddress, int hops, bool skipAppend = false, string? trustedCidrs = null, params string[] extraLines)
    {
        ImmutableArray<HeaderLine> headers = [.. (xff is null ? [] : new[] { new HeaderLine("X-Forwarded-For", " " + xff) }), .. extraLines.Select(l => new HeaderLine("X-Forwarded-For", " " + l))];
        Assert.True(TrustedProxy.TryParseList(trustedCidrs ?? "", out var cidrs, out _));
        return EnvoyClientAddressDecoder.Decode(
            new ForwardedDecodeRequest { RemoteAddress = IPAddress.Parse(remote), Headers = headers },
            new EnvoyXffSettings { UseRemoteAddress = useRemoteAddress, NumTrustedHops = hops, SkipXffAppend = skipAppend, TrustedCidrs = [.. cidrs] });
    }

    private static string[] List(string? xff) => xff is null ? [] : [.. xff.Split(',').Select(s => s.Trim())];

    [Fact]
    public void DocExample1_EdgeWithoutTrustedProxy_SocketPeerAndXffAppended()
    {
        var r = Decode("192.0.2.5", "203.0.113.128, 203.0.113.10, 203.0.113.1", useRemoteAddress: true, hops: 0);
        Assert.Equal("192.0.2.5", r.ClientIp);
        Assert.False(r.FromXff);
        Assert.Equal("192.0.2.5", r.ExternalAddress);
        Assert.Equal(List("203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5"), List(r.ForwardedXff));
        Assert.False(r.Internal);
    }

    [Fact]
    public void DocExample2_InternalBehindEdge_LastXffAddress()
    {
        var r = Decode("10.11.12.13", "203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5", useRemoteAddress: false, hops: 0);
        Assert.Equal("192.0.2.5", r.ClientIp);
        Assert.True(r.FromXff);
        Assert.Null(r.ExternalAddress);
        Assert.Equal("203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5", r.ForwardedXff);
        Assert.False(r.Internal);
    }

    [Fact]
    public void DocExample3_EdgeWithTwoTrustedProxies_SecondToLast()
    {
        var r = Decode("192.0.2.5", "203.0.113.128, 203.0.113.10, 203.0.113.1", useRemoteAddress: true, hops: 2);
        Assert.Equal("203.0.113.10", r.ClientIp);
        Assert.Equal("203.0.113.10", r.ExternalAddress);
        Assert.Equal(List("203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5"), List(r.ForwardedXff));
        Assert.False(r.Internal);
    }

    [Fact]
    public void DocExample4_InternalBehindExample3_ThirdFromRight()
    {
        var r = Decode("10.11.12.13", "203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5", useRemoteAddress: false, hops: 2);
        Assert.Equal("203.0.113.10", r.ClientIp);
        Assert.Null(r.ExternalAddress);
        Assert.False(r.Internal);
    }

    [Fact]
    public void DocExample5_InternalClientWithoutXff_SocketPeerInternal()
    {
        var r = Decode("10.20.30.40", null, useRemoteAddress: false, hops: 0);
        Assert.Equal("10.20.30.40", r.ClientIp);
        Assert.Null(r.ExternalAddress);
        Assert.Null(r.ForwardedXff);
        // The documentation says x-envoy-internal is set to "false" here: a single RFC 1918 address in XFF is the test,
        // and there is no XFF.
        Assert.False(r.Internal);
    }

    [Fact]
    public void DocExample6_ProxiedInternalRequest_XffAddressInternal()
    {
        var r = Decode("10.20.30.50", "10.20.30.40", useRemoteAddress: false, hops: 0);
        Assert.Equal("10.20.30.40", r.ClientIp);
        Assert.Null(r.ExternalAddress);
        Assert.True(r.Internal);
    }

    [Theory]
    [InlineData(false, 2, "203.0.113.9, 10.0.0.1", "10.0.0.9")]    // N+1 = 3 entries needed, 2 present
    [InlineData(true, 3, "203.0.113.9, 10.0.0.1", "10.0.0.9")]     // N = 3 entries needed
    [InlineData(true, 2, "203.0.113.9, 10.0.0.1", "203.0.113.9")]
    public void Decode_FewerEntriesThanTrustedHops_FallsBackToSocketPeer(bool useRemote, int hops, string xff, string expected) =>
        Assert.Equal(expected, Decode("10.0.0.9", xff, useRemote, hops).ClientIp);

    [Theory]
    [InlineData("203.0.113.9, unknown", "10.0.0.9")]       // the entry Envoy would take is not an address: no further-left search
    [InlineData("203.0.113.9,", "10.0.0.9")]               // trailing comma: the whole text is tried and fails
    [InlineData("203.0.113.9:443", "10.0.0.9")]            // a port is not allowed
    [InlineData("[2001:db8::1]", "10.0.0.9")]              // nor brackets
    [InlineData("010.1.2.3", "10.0.0.9")]                  // inet_pton refuses leading zeros
    [InlineData("  2001:db8::1  ", "2001:db8::1")]
    [InlineData("1.2.3.4,5.6.7.8", "5.6.7.8")]
    public void Decode_NoRemoteAddress_EntryParsingAsEnvoy(string xff, string expected) =>
        Assert.Equal(expected, Decode("10.0.0.9", xff, useRemoteAddress: false, hops: 0).ClientIp);

    [Fact]
    public void Decode_SeveralXffLines_JoinedWithComma()
    {
        var r = Decode("192.0.2.5", "198.51.100.1", useRemoteAddress: true, hops: 2, extraLines: ["203.0.113.7"]);
        Assert.Equal("198.51.100.1", r.ClientIp);
        Assert.Equal("198.51.100.1,203.0.113.7,192.0.2.5", r.ForwardedXff);
    }

    [Fact]
    public void Decode_ForgedXffAtEdgeWithOneTrustedHopButNoProxy_ClientChoosesItsAddress()
    {
        // numTrustedHops 1 behind an L4 load balancer: the client's own XFF entry is believed.
        var r = Decode("198.51.100.23", "1.2.3.4", useRemoteAddress: true, hops: 1);
        Assert.Equal("1.2.3.4", r.ClientIp);
        Assert.True(r.FromXff);
        Assert.Equal("1.2.3.4,198.51.100.23", r.ForwardedXff);
    }

    [Fact]
    public void Decode_SkipXffAppend_ForwardsXffAsReceived()
    {
        var r = Decode("192.0.2.5", "203.0.113.1", useRemoteAddress: true, hops: 0, skipAppend: true);
        Assert.Equal("192.0.2.5", r.ClientIp);
        Assert.Equal("203.0.113.1", r.ForwardedXff);
    }

    [Theory]
    [InlineData("10.0.0.9", "203.0.113.1, 10.1.0.1, 10.2.0.2", "203.0.113.1")]   // first from the right outside the CIDRs
    [InlineData("10.0.0.9", "10.3.0.3, 10.1.0.1", "10.3.0.3")]                   // all trusted: the leftmost
    [InlineData("192.0.2.5", "203.0.113.1", "192.0.2.5")]                          // peer not trusted: XFF ignored
    public void Decode_TrustedCidrs_WalksFromTheRight(string remote, string xff, string expected) =>
        Assert.Equal(expected, Decode(remote, xff, useRemoteAddress: true, hops: 0, trustedCidrs: "10.0.0.0/8").ClientIp);

    [Fact]
    public void Decode_DecidingStepMarked()
    {
        var r = Decode("192.0.2.5", "203.0.113.128, 203.0.113.10, 203.0.113.1", useRemoteAddress: true, hops: 2);
        Assert.Equal("203.0.113.10", r.DecidingStep!.Address);
    }
}
