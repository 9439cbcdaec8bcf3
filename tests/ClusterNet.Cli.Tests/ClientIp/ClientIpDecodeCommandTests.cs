using System.Text.Json;

namespace ClusterNet.Cli.Tests.ClientIp;

/// <summary>The `clusternet client-ip decode` contract (issue 6): flags, JSON shape, defaults, exit codes.</summary>
public sealed class ClientIpDecodeCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Decode_Json_ContractShape()
    {
        var (code, output, err) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Forwarded-For: 6.6.6.6, 203.0.113.7",
            "--trusted", "10.0.0.0/8", "--recursive", "on", "--forward-limit", "none", "--format", "json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("203.0.113.7", root.GetProperty("nginx").GetProperty("clientIp").GetString());
        Assert.True(root.GetProperty("nginx").GetProperty("steps").GetArrayLength() > 0);
        var aspnet = root.GetProperty("aspnet");
        Assert.Equal("203.0.113.7", aspnet.GetProperty("clientIp").GetString());
        Assert.Equal(["6.6.6.6"], aspnet.GetProperty("remainingXff").EnumerateArray().Select(e => e.GetString()));
        var step = aspnet.GetProperty("steps")[0];
        Assert.Equal(1, step.GetProperty("index").GetInt32());
        Assert.Equal("config", step.GetProperty("action").GetString());
        Assert.Contains(root.GetProperty("nginx").GetProperty("steps").EnumerateArray(), s => s.GetProperty("decisive").GetBoolean());
    }

    [Fact]
    public void Decode_RepeatedHeaderLines_KeptInOrder()
    {
        var (_, output, _) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Forwarded-For: 203.0.113.7",
            "--header", "X-Forwarded-For: 10.0.0.9", "--trusted", "10.0.0.0/8", "--recursive", "on", "--forward-limit", "none", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("203.0.113.7", doc.RootElement.GetProperty("nginx").GetProperty("clientIp").GetString());
        Assert.Equal("203.0.113.7", doc.RootElement.GetProperty("aspnet").GetProperty("clientIp").GetString());
    }

    [Fact]
    public void Decode_Defaults_RecursiveOffForwardLimitOne()
    {
        var (_, output, _) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Forwarded-For: 203.0.113.7, 10.0.0.9",
            "--trusted", "10.0.0.0/8", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("10.0.0.9", doc.RootElement.GetProperty("nginx").GetProperty("clientIp").GetString());
        Assert.Equal("10.0.0.9", doc.RootElement.GetProperty("aspnet").GetProperty("clientIp").GetString());
        Assert.Equal(["203.0.113.7"], doc.RootElement.GetProperty("aspnet").GetProperty("remainingXff").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Decode_EmptyTrusted_NginxIgnoresAspNetTrustsAll()
    {
        var (code, output, _) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Forwarded-For: 203.0.113.7", "--trusted", "", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("10.0.0.1", doc.RootElement.GetProperty("nginx").GetProperty("clientIp").GetString());
        Assert.Equal("203.0.113.7", doc.RootElement.GetProperty("aspnet").GetProperty("clientIp").GetString());
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("trusts every sender", StringComparison.Ordinal));
    }

    [Fact]
    public void Decode_HeaderNameXRealIp_BothReadIt()
    {
        var (_, output, _) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Real-IP: 203.0.113.7", "--header", "X-Forwarded-For: 6.6.6.6",
            "--trusted", "10.0.0.0/8", "--header-name", "X-Real-IP", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("203.0.113.7", doc.RootElement.GetProperty("nginx").GetProperty("clientIp").GetString());
        Assert.Equal("203.0.113.7", doc.RootElement.GetProperty("aspnet").GetProperty("clientIp").GetString());
    }

    [Fact]
    public void Decode_Text_VerdictLinesFirst()
    {
        var (code, output, _) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Forwarded-For: [2001:db8::1]", "--trusted", "10.0.0.0/8");
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.StartsWith("nginx realip:", lines[0], StringComparison.Ordinal);
        Assert.Contains("10.0.0.1 (unchanged)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ASP.NET ForwardedHeaders:", lines[1], StringComparison.Ordinal);
        Assert.Contains("2001:db8::1", lines[1], StringComparison.Ordinal);
        Assert.Contains("bracketed IPv6 address without a port", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--remote-addr", "nope", "--trusted", "")]
    [InlineData("--remote-addr", "10.0.0.1", "--trusted", "10.0.0.0/40")]
    [InlineData("--remote-addr", "10.0.0.1")]
    [InlineData("--remote-addr", "10.0.0.1", "--trusted", "", "--header", "no colon here")]
    [InlineData("--remote-addr", "10.0.0.1", "--trusted", "", "--recursive", "maybe")]
    [InlineData("--remote-addr", "10.0.0.1", "--trusted", "", "--forward-limit", "-1")]
    [InlineData("--remote-addr", "10.0.0.1", "--trusted", "", "--header-name", "Forwarded")]
    [InlineData("--remote-addr", "10.0.0.1", "--trusted", "", "--bogus", "x")]
    public void Decode_BadInput_Exit2WithMessage(params string[] flags)
    {
        var (code, _, err) = Run(["client-ip", "decode", .. flags]);
        Assert.Equal(2, code);
        Assert.StartsWith("clusternet client-ip decode:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EnvoyFlags_EnvoyResultNextToNginxAndAspNet()
    {
        var (code, output, err) = Run("client-ip", "decode", "--remote-addr", "192.0.2.5", "--header", "X-Forwarded-For: 203.0.113.128, 203.0.113.10, 203.0.113.1",
            "--trusted", "", "--xff-num-trusted-hops", "2", "--use-remote-address", "on", "--format", "json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var envoy = doc.RootElement.GetProperty("envoy");
        Assert.Equal("203.0.113.10", envoy.GetProperty("clientIp").GetString());
        Assert.True(envoy.GetProperty("fromXff").GetBoolean());
        Assert.Equal("203.0.113.10", envoy.GetProperty("externalAddress").GetString());
        Assert.True(doc.RootElement.TryGetProperty("nginx", out _));
        Assert.True(doc.RootElement.TryGetProperty("aspnet", out _));
    }

    [Fact]
    public void Decode_HaproxyResult_SetSrcFromTrustedPeer()
    {
        var (code, output, err) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Forwarded-For: 6.6.6.6, 203.0.113.7",
            "--trusted", "10.0.0.0/8", "--format", "json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var haproxy = doc.RootElement.GetProperty("haproxy");
        Assert.Equal("203.0.113.7", haproxy.GetProperty("clientIp").GetString());
        Assert.Equal(["6.6.6.6, 203.0.113.7", "203.0.113.7"], haproxy.GetProperty("forwardedXffLines").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Decode_EnvoyDefaultsInText_LastXffEntry()
    {
        var (code, output, _) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--header", "X-Forwarded-For: 6.6.6.6", "--trusted", "");
        Assert.Equal(0, code);
        Assert.Contains("Envoy: 6.6.6.6 (from X-Forwarded-For)", output, StringComparison.Ordinal);
        Assert.Contains("HAProxy: 10.0.0.1 (unchanged)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--xff-num-trusted-hops", "x", "xff-num-trusted-hops")]
    [InlineData("--use-remote-address", "maybe", "use-remote-address")]
    public void Decode_BadEnvoyFlag_Exit2NamingTheFlag(string flag, string value, string named)
    {
        var (code, _, err) = Run("client-ip", "decode", "--remote-addr", "10.0.0.1", "--trusted", "", flag, value);
        Assert.Equal(2, code);
        Assert.Contains(named, err, StringComparison.Ordinal);
    }
}
