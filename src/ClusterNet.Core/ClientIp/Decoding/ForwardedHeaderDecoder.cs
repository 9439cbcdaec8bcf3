using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// The header decoder: nginx realip and ASP.NET ForwardedHeaders side by side on the same request, how each
/// address entry is read by each, and warnings for what looks wrong (garbage, unbracketed IPv6 with a port,
/// quoted entries, Forwarded elements with obfuscated identifiers, headers nobody reads). Envoy (the request's
/// xff_num_trusted_hops / use_remote_address) and HAProxy (set-src from X-Forwarded-For if the peer is trusted,
/// option forwardfor) read the same request; both read X-Forwarded-For whatever the header name.
/// </summary>
public static class ForwardedHeaderDecoder
{
    private static readonly string[] OtherClientHeaders = ["X-Real-IP", "X-Forwarded-For", "X-Original-Forwarded-For", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP", "X-Cluster-Client-IP"];

    public static ForwardedDecodeResult Decode(ForwardedDecodeRequest request)
    {
        var nginx = NginxRealIpDecoder.Decode(request);
        var aspnet = AspNetForwardedDecoder.Decode(request);
        var tokens = ReadTokens(request);
        var forwardedLines = request.Headers.Where(h => h.Is("Forwarded")).Select(h => h.KestrelValue).ToList();
        var forwarded = ForwardedHeaderParser.Parse(forwardedLines);
        var notes = new List<string>();

        if (request.Trusted.IsDefaultOrEmpty && request.Headers.Any(h => h.Is(request.HeaderName)))
        {
            notes.Add($"No trusted proxies: nginx ignores {request.HeaderName} entirely, but ASP.NET with empty KnownProxies and KnownIPNetworks trusts every sender and applies it (up to ForwardLimit). Clear the lists only behind a proxy that overwrites the header.");
        }

        if (!nginx.ClientIp.Equals(aspnet.ClientIp, StringComparison.Ordinal))
        {
            notes.Add($"The two disagree: nginx gives {nginx.ClientIp}, ASP.NET gives {aspnet.ClientIp}. Compare their deciding steps: " +
                $"nginx — {nginx.DecidingStep?.Text ?? "n/a"} ASP.NET — {aspnet.DecidingStep?.Text ?? "n/a"}");
        }

        var readLines = request.Headers.Count(h => h.Is(request.HeaderName));
        if (readLines > 1 && !NginxRealIpDecoder.IsXForwardedFor(request.HeaderName))
        {
            notes.Add($"{readLines} {request.HeaderName} lines: nginx reads only the first; ASP.NET joins all of them as one list.");
        }

        if (request.Recursive is false && request.ForwardLimit is not 1 && tokens.Count > 1)
        {
            notes.Add("real_ip_recursive off takes one address, like ForwardLimit = 1; with a larger ForwardLimit ASP.NET may walk further left than nginx.");
        }

        foreach (var other in OtherClientHeaders.Where(o => !o.Equals(request.HeaderName, StringComparison.OrdinalIgnoreCase)))
        {
            var present = request.Headers.Where(h => h.Is(other)).ToList();
            if (present.Count > 0)
            {
                notes.Add($"{other}: \"{present[0].KestrelValue}\" is present but not read (both read {request.HeaderName}).");
            }
        }

        if (forwarded.Count > 0)
        {
            notes.Add("Forwarded (RFC 7239) is read by neither nginx's realip module nor ASP.NET's ForwardedHeaders middleware; its elements are listed for reference.");
            foreach (var e in forwarded)
            {
                switch (e.ForKind)
                {
                    case ForwardedNodeKind.Obfuscated:
                        notes.Add($"Forwarded for={e.For}: an obfuscated identifier (RFC 7239 §6.3): a proxy hid the address on purpose; no client IP can be recovered from it.");
                        break;
                    case ForwardedNodeKind.Unknown:
                        notes.Add("Forwarded for=unknown: the proxy did not know or would not disclose the previous hop.");
                        break;
                }

                if (e.Error is not null)
                {
                    notes.Add($"Forwarded element \"{e.Raw}\": {e.Error}.");
                }
            }
        }

        var envoy = EnvoyClientAddressDecoder.Decode(request, request.Envoy);
        var haproxy = HaproxyDecoder.Decode(request, HaproxySettings.ForTrusted(request.Trusted));
        return new ForwardedDecodeResult(nginx, aspnet, [.. tokens], [.. forwarded], [.. notes], envoy, haproxy);
    }

    private static List<TokenReading> ReadTokens(ForwardedDecodeRequest request)
    {
        var result = new List<TokenReading>();
        foreach (var line in request.Headers.Where(h => h.Is(request.HeaderName)))
        {
            foreach (var value in AspNetHeaderSplitter.SplitKeepingQuotes([line.KestrelValue]))
            {
                var pieces = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (pieces.Length > 1)
                {
                    result.Add(new TokenReading(value, TokenSource.Aspnet, null, AspNetReading(value),
                        $"Contains a space: ASP.NET sees one entry, nginx splits it into {pieces.Length} addresses."));
                    foreach (var piece in pieces)
                    {
                        result.Add(new TokenReading(piece, TokenSource.Nginx, NginxReading(piece), null, null));
                    }

                    continue;
                }

                var n = NginxReading(value);
                var a = AspNetReading(value);
                result.Add(new TokenReading(value, TokenSource.Both, n, a, Flag(value, n, a)));
            }
        }

        return result;
    }

    private static string? NginxReading(string token) => NginxAddress.TryParseAddrPort(token, out var a) ? NginxAddress.Format(a!) : null;

    private static string? AspNetReading(string token)
    {
        var value = token.Length > 1 && token[0] == '"' && token[^1] == '"' ? token[1..^1] : token;
        return IPEndPoint.TryParse(value, out var ep) ? ep.Address.ToString() : null;
    }

    private static string? Flag(string token, string? nginx, string? aspnet)
    {
        if (LooksLikeUnbracketedV6WithPort(token))
        {
            return $"Looks like IPv6 with a port but has no brackets: both read the whole text as the address {aspnet ?? nginx}; write [{token[..token.LastIndexOf(':')]}]:{token[(token.LastIndexOf(':') + 1)..]}.";
        }

        if (nginx is null && aspnet is null)
        {
            return token.StartsWith('"') ? "Quoted and not an address inside either." : "Garbage: neither implementation can parse it; it ends the walk.";
        }

        if (nginx is null)
        {
            if (token.StartsWith('[') && token.EndsWith(']'))
            {
                return $"nginx rejects a bracketed IPv6 address without a port; ASP.NET reads {aspnet}.";
            }

            if (token.StartsWith('"'))
            {
                return $"Quoted: ASP.NET removes the quotes and reads {aspnet}; nginx cannot parse it.";
            }

            return $"Only ASP.NET parses it (IPAddress.TryParse is lenient), as {aspnet}; nginx stops here.";
        }

        if (aspnet is null)
        {
            return $"Only nginx parses it, as {nginx}; ASP.NET stops here.";
        }

        if (!Same(nginx, aspnet))
        {
            return $"Read differently: nginx {nginx}, ASP.NET {aspnet} (e.g. a leading 0 is decimal to nginx, octal to .NET).";
        }

        return null;
    }

    private static bool Same(string nginx, string aspnet) =>
        IPAddress.TryParse(nginx, out var n) && IPAddress.TryParse(aspnet, out var a) && n.Equals(a);

    private static bool LooksLikeUnbracketedV6WithPort(string token)
    {
        if (token.StartsWith('[') || !token.Contains("::", StringComparison.Ordinal) || !IPAddress.TryParse(token, out var addr) || addr.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var last = token[(token.LastIndexOf(':') + 1)..];
        return last.Length is >= 2 and <= 5 && last.All(char.IsAsciiDigit) && int.Parse(last, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 65535 && !token.EndsWith("::", StringComparison.Ordinal) && last != "1";
    }
}
