using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp.Decoding;

/// <summary>
/// The decode command's HAProxy result: --trusted becomes <c>set-src hdr_ip(X-Forwarded-For,-1) if { src T }</c> with
/// <c>option forwardfor</c>. Every <see cref="HaproxyCases"/> row of that shape goes through <see cref="DecodeInput"/>
/// and <see cref="ForwardedHeaderDecoder"/> and is compared with the real Debian haproxy.
/// </summary>
[Trait("Category", "External")]
public sealed class DecodeHaproxyWiringTests(RealHaproxyFixture haproxy) : IClassFixture<RealHaproxyFixture>
{
    public static TheoryData<HaproxyCase> WiredShape()
    {
        var data = new TheoryData<HaproxyCase>();
        foreach (var c in HaproxyCases.All.Where(c => c is { SetSrc: not (null or ""), Occurrence: -1, ForwardFor: true, IfNone: false, Except: null }))
        {
            data.Add(c);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WiredShape))]
    public async Task Decode_TrustedFlagAsSetSrcCondition_MatchesRealHaproxy(HaproxyCase c)
    {
        var input = new DecodeInput(c.Remote, [.. c.Headers], c.SetSrc!);
        Assert.True(input.TryParse(out var request, out var error), error);
        var decoded = DecodeOutput.From(ForwardedHeaderDecoder.Decode(request!)).Haproxy!;
        var (src, xff) = await haproxy.SendAsync(c);
        Assert.Equal(src, decoded.ClientIp);
        Assert.Equal(xff.ToArray(), decoded.ForwardedXffLines.ToArray());
    }

    [Fact]
    public void Decode_NoTrustedProxies_NoSetSrcRule()
    {
        var input = new DecodeInput("127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], "");
        Assert.True(input.TryParse(out var request, out _));
        var decoded = ForwardedHeaderDecoder.Decode(request!).Haproxy!;
        Assert.Equal("127.0.0.5", decoded.ClientIp);
        Assert.Equal(new[] { "198.51.100.7", "127.0.0.5" }, decoded.ForwardedXffLines.ToArray());
    }
}
