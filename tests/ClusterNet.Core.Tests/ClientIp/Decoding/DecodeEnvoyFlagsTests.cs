using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp.Decoding;

/// <summary>
/// The decode command's Envoy result, reached through <see cref="DecodeInput"/> as the CLI flags
/// --xff-num-trusted-hops / --use-remote-address and the REST body give it. Rows are the examples of Envoy's
/// x-forwarded-for documentation (edge Envoy with use_remote_address true, internal Envoy with false; 0 or 2 trusted
/// hops), re-expressed as request + flags → trusted client address.
/// </summary>
public sealed class DecodeEnvoyFlagsTests
{
    private const string EdgeXff = "X-Forwarded-For: 203.0.113.128, 203.0.113.10, 203.0.113.1";
    private const string InternalXff = "X-Forwarded-For: 203.0.113.128, 203.0.113.10, 203.0.113.1, 192.0.2.5";

    private static DecodeOutput Run(string remote, string[] headers, string hops, bool useRemote)
    {
        var input = new DecodeInput(remote, [.. headers], "", XffNumTrustedHops: hops, UseRemoteAddress: useRemote);
        Assert.True(input.TryParse(out var request, out var error), error);
        return DecodeOutput.From(ForwardedHeaderDecoder.Decode(request!));
    }

    [Theory]
    [InlineData("192.0.2.5", EdgeXff, "0", true, "192.0.2.5", false)] // example 1: edge, no trusted hops
    [InlineData("10.11.12.13", InternalXff, "0", false, "192.0.2.5", true)] // example 2: internal, last XFF address
    [InlineData("192.0.2.5", EdgeXff, "2", true, "203.0.113.10", true)] // example 3: edge, two trusted proxies
    [InlineData("10.11.12.13", InternalXff, "2", false, "203.0.113.10", true)] // example 4: internal behind example 3
    public void Decode_EnvoyDocExamples_TrustedClientAddress(string remote, string xff, string hops, bool useRemote, string expected, bool fromXff)
    {
        var envoy = Run(remote, [xff], hops, useRemote).Envoy!;
        Assert.Equal(expected, envoy.ClientIp);
        Assert.Equal(fromXff, envoy.FromXff);
    }

    [Fact]
    public void Decode_EdgeEnvoy_AppendsPeerToForwardedXff()
    {
        var envoy = Run("192.0.2.5", [EdgeXff], "0", true).Envoy!;
        Assert.Equal(["203.0.113.128", "203.0.113.10", "203.0.113.1", "192.0.2.5"], envoy.ForwardedXff!.Split(',').Select(s => s.Trim()));
        Assert.Equal("192.0.2.5", envoy.ExternalAddress);
    }

    [Fact]
    public void Decode_NoEnvoyFlags_EnvoyDefaultsTakeTheLastXffEntry()
    {
        // use_remote_address false and xff_num_trusted_hops 0 are Envoy's defaults: the last XFF entry, whoever sent it.
        var output = Run("198.51.100.20", ["X-Forwarded-For: 6.6.6.6"], "0", false);
        Assert.Equal("6.6.6.6", output.Envoy!.ClientIp);
        Assert.Contains(output.Envoy.Steps, s => s.Text.Contains("use_remote_address false", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("two")]
    public void TryParse_BadTrustedHops_ErrorNamesTheFlag(string hops)
    {
        var input = new DecodeInput("10.0.0.1", [], "", XffNumTrustedHops: hops);
        Assert.False(input.TryParse(out _, out var error));
        Assert.Contains("xff-num-trusted-hops", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ExistingReadings_Unchanged()
    {
        var input = new DecodeInput("10.0.0.1", ["X-Forwarded-For: 203.0.113.7"], "10.0.0.0/8");
        Assert.True(input.TryParse(out var request, out _));
        var output = DecodeOutput.From(ForwardedHeaderDecoder.Decode(request!));
        Assert.Equal("203.0.113.7", output.Nginx.ClientIp);
        Assert.Equal("203.0.113.7", output.Aspnet.ClientIp);
        Assert.Equal("203.0.113.7", output.Haproxy!.ClientIp);
    }
}
