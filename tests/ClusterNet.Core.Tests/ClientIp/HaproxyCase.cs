using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// One request through HAProxy: socket source, raw header lines and the configuration. SetSrc null: no set-src rule;
/// "": set-src without condition; else the CIDRs of its <c>if { src ... }</c> condition.
/// </summary>
public sealed record HaproxyCase(string Name, string Remote, string[] Headers, string? SetSrc = "127.0.0.0/8", int Occurrence = -1, bool ForwardFor = true, bool IfNone = false, string? Except = null)
{
    /// <summary>Cases with one configuration share one HAProxy frontend.</summary>
    public string ConfigKey => $"{SetSrc ?? "none"}|{Occurrence}|{ForwardFor}|{IfNone}|{Except ?? "-"}";

    public ForwardedDecodeRequest ToRequest() => new()
    {
        RemoteAddress = IPAddress.Parse(Remote),
        Headers = [.. Headers.Select(h => HeaderLine.TryParse(h, out var l, out _) ? l! : throw new ArgumentException(h))],
    };

    public HaproxySettings ToSettings()
    {
        ImmutableArray<TrustedProxy>? from = null;
        if (SetSrc is not null)
        {
            Assert.True(TrustedProxy.TryParseList(SetSrc, out var list, out _));
            from = [.. list];
        }

        TrustedProxy? except = null;
        if (Except is not null)
        {
            Assert.True(TrustedProxy.TryParse(Except, out except, out _));
        }

        return new HaproxySettings { SetSrcFrom = from, Occurrence = Occurrence, ForwardFor = ForwardFor, ForwardForIfNone = IfNone, ForwardForExcept = except };
    }

    public override string ToString() => Name;
}
