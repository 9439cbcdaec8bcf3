using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// One row of the decoder agreement table: a request (socket address in 127.0.0.0/8 or ::1 so the real servers
/// can see it, raw header lines) and a configuration both real implementations are given.
/// </summary>
public sealed record DecodeCase(
    string Name,
    string Remote,
    string[] Headers,
    string Trusted,
    string HeaderName = ForwardedDecodeRequest.XForwardedFor,
    bool Recursive = false,
    int? ForwardLimit = 1)
{
    public ForwardedDecodeRequest ToRequest()
    {
        Assert.True(TrustedProxy.TryParseList(Trusted, out var trusted, out var error), error);
        return new ForwardedDecodeRequest
        {
            RemoteAddress = IPAddress.Parse(Remote),
            Headers = [.. Headers.Select(Line)],
            Trusted = [.. trusted],
            HeaderName = HeaderName,
            Recursive = Recursive,
            ForwardLimit = ForwardLimit,
        };
    }

    public ImmutableArray<HeaderLine> HeaderLines => [.. Headers.Select(Line)];

    /// <summary>Distinct nginx server configurations: one server block each.</summary>
    public string NginxConfigKey => $"{Trusted}|{HeaderName}|{Recursive}";

    public override string ToString() => Name;

    private static HeaderLine Line(string raw)
    {
        Assert.True(HeaderLine.TryParse(raw, out var h, out var error), error);
        return h!;
    }
}
