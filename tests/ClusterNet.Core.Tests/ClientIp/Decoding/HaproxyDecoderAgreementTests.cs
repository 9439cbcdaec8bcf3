using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp.Decoding;

/// <summary>Every row of <see cref="HaproxyCases"/> through the real haproxy and <see cref="HaproxyDecoder"/>.</summary>
[Trait("Category", "External")]
public sealed class HaproxyDecoderAgreementTests(RealHaproxyFixture haproxy) : IClassFixture<RealHaproxyFixture>
{
    [Theory]
    [MemberData(nameof(HaproxyCases.Theory), MemberType = typeof(HaproxyCases))]
    public async Task Decode_CaseThroughRealHaproxy_SameSrcAndForwardedHeader(HaproxyCase c)
    {
        var (src, xff) = await haproxy.SendAsync(c);
        var decoded = HaproxyDecoder.Decode(c.ToRequest(), c.ToSettings());
        var steps = string.Join("\n", decoded.Steps.Select(s => $"  {s.Index}. [{s.Action}] {s.Text}"));
        Assert.True(src == decoded.ClientIp, $"'{c.Name}': real src={src}, decoder={decoded.ClientIp}\n{steps}");
        Assert.True(xff.SequenceEqual(decoded.ForwardedXffLines),
            $"'{c.Name}': real X-Forwarded-For lines [{string.Join(" | ", xff)}], decoder [{string.Join(" | ", decoded.ForwardedXffLines)}]\n{steps}");
    }
}
