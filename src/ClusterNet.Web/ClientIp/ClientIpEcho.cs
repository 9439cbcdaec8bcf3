using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.ClientIp.Decoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.ClientIp;

/// <summary>
/// Builds the echo: the raw request (captured, or reconstructed), the real ForwardedHeadersMiddleware applied to it
/// with the dashboard's options (the answer), and the decoder run with the same trust list (the steps).
/// </summary>
public static class ClientIpEcho
{
    public static EchoResponseDto Build(HttpContext context, ForwardedHeadersOptions options)
    {
        var notes = new List<string>();
        var captured = RawRequestCapture.Get(context);
        var raw = captured ?? Reconstruct(context, notes);
        var headers = raw.Headers.ToImmutableDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);

        // The answer comes from the real middleware on a copy of the raw request.
        var copy = new DefaultHttpContext();
        copy.Connection.RemoteIpAddress = raw.RemoteAddress;
        copy.Connection.RemotePort = raw.RemotePort;
        foreach (var (name, values) in raw.Headers)
        {
            copy.Request.Headers[name] = values.ToArray();
        }

        var forFlag = options.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor);
        if (forFlag)
        {
            new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(options)).ApplyForwarders(copy);
        }
        else
        {
            notes.Add("ForwardedHeaders does not include XForwardedFor: the dashboard uses the socket address and ignores forwarding headers. Set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (trusts every sender) or configure ForwardedHeadersOptions with the proxies in front of it.");
        }

        var trusted = options.KnownProxies.Select(p => ToTrusted(p.ToString()))
            .Concat(options.KnownIPNetworks.Select(n => ToTrusted(n.ToString())))
            .OfType<TrustedProxy>()
            .ToImmutableArray();
        ImmutableArray<DecodeStep> steps = [];
        if (raw.RemoteAddress is not null && forFlag)
        {
            var lines = raw.Headers.SelectMany(kv => kv.Value.Select(v => new HeaderLine(kv.Key, v))).ToImmutableArray();
            var decoded = AspNetForwardedDecoder.Decode(new ForwardedDecodeRequest
            {
                RemoteAddress = raw.RemoteAddress,
                Headers = lines,
                Trusted = trusted,
                HeaderName = options.ForwardedForHeaderName,
                ForwardLimit = options.ForwardLimit,
            });
            steps = decoded.Steps;
            if (decoded.ClientIp != copy.Connection.RemoteIpAddress?.ToString())
            {
                notes.Add($"The decoder reads {decoded.ClientIp} but the middleware gives {copy.Connection.RemoteIpAddress}: please report this mismatch.");
            }
        }

        if (forFlag && trusted.IsEmpty)
        {
            notes.Add("KnownProxies and KnownIPNetworks are empty: the dashboard believes X-Forwarded-For from any sender (what ASPNETCORE_FORWARDEDHEADERS_ENABLED=true configures). Safe only behind a proxy that overwrites the header.");
        }

        var pipeline = context.Connection.RemoteIpAddress?.ToString();
        return new EchoResponseDto(
            raw.RemoteAddress?.ToString(),
            raw.RemotePort,
            headers,
            captured is not null,
            new EchoForwardedOptionsDto(
                options.ForwardedHeaders.ToString(),
                options.ForwardedForHeaderName,
                options.ForwardLimit,
                [.. options.KnownProxies.Select(p => p.ToString())],
                [.. options.KnownIPNetworks.Select(n => n.ToString())]),
            copy.Connection.RemoteIpAddress?.ToString(),
            [.. copy.Request.Headers.GetCommaSeparatedValues(options.ForwardedForHeaderName)],
            pipeline,
            steps,
            [.. notes]);
    }

    private static RawRequestCapture Reconstruct(HttpContext context, List<string> notes)
    {
        var current = RawRequestCapture.From(context);
        var originalFor = context.Request.Headers["X-Original-For"].ToString();
        if (originalFor.Length > 0 && IPEndPoint.TryParse(originalFor, out var original))
        {
            notes.Add("The request was already rewritten by UseForwardedHeaders (no capture before it): the socket address comes from X-Original-For and consumed X-Forwarded-For entries are gone.");
            return current with
            {
                RemoteAddress = original.Address,
                RemotePort = original.Port,
                Headers = [.. current.Headers.Where(h => !h.Key.Equals("X-Original-For", StringComparison.OrdinalIgnoreCase))],
            };
        }

        return current;
    }

    private static TrustedProxy? ToTrusted(string text) => TrustedProxy.TryParse(text, out var t, out _) ? t : null;
}
