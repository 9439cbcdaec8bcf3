namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>Every row of <see cref="DecodeCases"/> through real nginx and the decoder's nginx column.</summary>
[Trait("Category", "External")]
public sealed class NginxDecoderAgreementTests(RealNginxFixture nginx) : IClassFixture<RealNginxFixture>
{
    [Theory]
    [MemberData(nameof(DecodeCases.Theory), MemberType = typeof(DecodeCases))]
    public async Task Decode_CaseThroughRealNginx_SameRemoteAddr(DecodeCase c)
    {
        var real = await nginx.RemoteAddrAsync(c);
        var decoded = ClusterNet.Core.ClientIp.Decoding.NginxRealIpDecoder.Decode(c.ToRequest());
        Assert.True(real == decoded.ClientIp,
            $"'{c.Name}': real nginx $remote_addr={real}, decoder={decoded.ClientIp}\n" + string.Join("\n", decoded.Steps.Select(s => $"  {s.Index}. [{s.Action}] {s.Text}")));
    }

    [Fact]
    public async Task RealNginx_LogsRemoteAddr_MatchesBody()
    {
        var c = DecodeCases.All[0];
        var body = await nginx.RemoteAddrAsync(c);
        await Task.Delay(100);
        var log = await File.ReadAllLinesAsync(nginx.AccessLog);
        Assert.Contains(log, l => l.StartsWith(body + " " + c.Remote + " ", StringComparison.Ordinal));
    }
}

/// <summary>Every row of <see cref="DecodeCases"/> through Kestrel + ForwardedHeadersMiddleware and the decoder's ASP.NET column.</summary>
public sealed class AspNetDecoderAgreementTests(RealAspNetFixture aspnet) : IClassFixture<RealAspNetFixture>
{
    [Theory]
    [MemberData(nameof(DecodeCases.Theory), MemberType = typeof(DecodeCases))]
    public async Task Decode_CaseThroughRealMiddleware_SameRemoteIpAndHeader(DecodeCase c)
    {
        var real = await aspnet.ApplyAsync(c);
        var decoded = ClusterNet.Core.ClientIp.Decoding.AspNetForwardedDecoder.Decode(c.ToRequest());
        var steps = string.Join("\n", decoded.Steps.Select(s => $"  {s.Index}. [{s.Action}] {s.Text}"));
        Assert.True(real.RemoteIp == decoded.ClientIp, $"'{c.Name}': real RemoteIpAddress={real.RemoteIp}, decoder={decoded.ClientIp}\n{steps}");
        Assert.True(real.RemainingXff.SequenceEqual(decoded.RemainingXff),
            $"'{c.Name}': real header left [{string.Join(", ", real.RemainingXff)}], decoder [{string.Join(", ", decoded.RemainingXff)}]\n{steps}");
    }
}
