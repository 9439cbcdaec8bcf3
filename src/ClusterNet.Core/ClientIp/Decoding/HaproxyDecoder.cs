using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// HAProxy 2.6 as a pure function, for the two things its documentation describes:
/// <list type="bullet">
/// <item><c>http-request set-src hdr_ip(x-forwarded-for,occ)</c>: hdr() treats the header as a comma-delimited list
/// across all its lines (values trimmed of spaces and tabs), picks the occurrence (negative: from the last), and
/// hdr_ip reads it as an IPv4 address (a dotted quad, anything after it such as ":port" ignored) or else an IPv6
/// address; a value that is neither makes the fetch fail and src stays the socket peer. The rule's condition is
/// checked against the socket peer.</item>
/// <item><c>option forwardfor</c>: a new X-Forwarded-For line with src (as set-src left it) is appended after the
/// existing ones, which are passed on unchanged; <c>if-none</c> skips it when the request has the header, <c>except</c>
/// when src is in the network.</item>
/// </list>
/// Checked against the real Debian haproxy in the tests.
/// </summary>
public static class HaproxyDecoder
{
    public static HaproxyResult Decode(ForwardedDecodeRequest request, HaproxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var log = new StepLog();
        var peer = Normalize(request.RemoteAddress);
        var src = peer;
        log.Add(DecodeAction.Config, Describe(settings));
        var lines = request.Headers.Where(h => h.Is(ForwardedDecodeRequest.XForwardedFor)).ToList();
        log.Add(DecodeAction.Header, lines.Count switch
        {
            0 => "no X-Forwarded-For header",
            1 => $"X-Forwarded-For: \"{lines[0].RawValue.Trim(' ', '\t')}\"",
            _ => $"{lines.Count} X-Forwarded-For lines: HAProxy counts their comma-separated values as one list",
        });

        var changed = false;
        if (settings.SetSrcFrom is not { } from)
        {
            log.Add(DecodeAction.Result, $"No set-src rule: src is the socket peer {peer}.", peer.ToString(), decisive: true);
        }
        else if (!from.IsDefaultOrEmpty && !from.Any(t => t.Contains(peer)))
        {
            log.Add(DecodeAction.Trust, $"The socket peer {peer} does not match the rule's condition (src {string.Join(" ", from.Select(t => t.Text))}): set-src does not run.", peer.ToString());
            log.Add(DecodeAction.Result, $"src stays {peer}.", peer.ToString(), decisive: true);
        }
        else
        {
            log.Add(DecodeAction.Trust, from.IsDefaultOrEmpty ? "set-src has no condition: every sender's header is believed." : $"The socket peer {peer} matches the rule's condition.", peer.ToString());
            var values = lines.SelectMany(l => l.RawValue.Split(',')).Select(v => v.Trim(' ', '\t')).ToList();
            var index = settings.Occurrence < 0 ? values.Count + settings.Occurrence : settings.Occurrence - 1;
            if (settings.Occurrence == 0 || index < 0 || index >= values.Count)
            {
                log.Add(DecodeAction.Stop, $"X-Forwarded-For has no value number {settings.Occurrence} (of {values.Count}): the fetch fails, src stays {peer}.", peer.ToString(), decisive: true);
            }
            else if (TryParse(values[index], out var address))
            {
                src = address!;
                changed = !src.Equals(peer);
                log.Add(DecodeAction.Take, $"Value {settings.Occurrence} \"{values[index]}\" reads as {src}: src becomes {src}.", src.ToString(), decisive: true);
            }
            else
            {
                log.Add(DecodeAction.Stop, $"Value {settings.Occurrence} \"{values[index]}\" is not an IP address to hdr_ip: the fetch fails, src stays {peer}.", values[index], decisive: true);
            }
        }

        var forwarded = lines.Select(l => l.RawValue.Trim(' ', '\t')).ToList();
        if (!settings.ForwardFor)
        {
            log.Add(DecodeAction.Note, "No option forwardfor: X-Forwarded-For is passed on as received.");
        }
        else if (settings.ForwardForIfNone && lines.Count > 0)
        {
            log.Add(DecodeAction.Note, "option forwardfor if-none: the request already has X-Forwarded-For, nothing is added.");
        }
        else if (settings.ForwardForExcept is { } except && except.Contains(src))
        {
            log.Add(DecodeAction.Note, $"option forwardfor except {except.Text}: src {src} matches, nothing is added.");
        }
        else
        {
            forwarded.Add(src.ToString());
            log.Add(DecodeAction.Note, $"option forwardfor appends a new line \"X-Forwarded-For: {src}\" after the existing ones.");
        }

        return new HaproxyResult(src.ToString(), changed, [.. forwarded], log.ToImmutable());
    }

    /// <summary>
    /// hdr_ip: a dotted quad of decimal parts up to 255, optionally with ":port"; otherwise
    /// inet_pton(AF_INET6) on the whole value.
    /// </summary>
    public static bool TryParse(string value, out IPAddress? address)
    {
        address = null;
        if (TryDottedQuadPrefix(value, out var v4))
        {
            address = v4;
            return true;
        }

        if (value.Contains(':') && !value.Contains('%') && !value.Contains('[') && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = v6;
            return true;
        }

        return false;
    }

    private static bool TryDottedQuadPrefix(string value, out IPAddress? address)
    {
        address = null;
        var bytes = new byte[4];
        var i = 0;
        for (var part = 0; part < 4; part++)
        {
            var start = i;
            var n = 0;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                n = (n * 10) + (value[i] - '0');
                if (n > 255)
                {
                    return false;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }

            bytes[part] = (byte)n;
            if (part < 3)
            {
                if (i >= value.Length || value[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        // After the dotted quad only the end of the value or ":port" (0-65535) is accepted; checked against the real
        // haproxy: "1.2.3.4abc", "1.2.3.4:abc", "1.2.3.4:99999", "1.2.3.4:" and "1.2.3.4 8" are not addresses; ":0" is accepted.
        if (i < value.Length)
        {
            if (value[i] != ':' || !int.TryParse(value.AsSpan(i + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static IPAddress Normalize(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    private static string Describe(HaproxySettings s)
    {
        var parts = new List<string>();
        if (s.SetSrcFrom is { } from)
        {
            var occ = s.Occurrence.ToString(CultureInfo.InvariantCulture);
            parts.Add($"http-request set-src hdr_ip(x-forwarded-for,{occ})" + (from.IsDefaultOrEmpty ? "" : $" if {{ src {string.Join(" ", from.Select(t => t.Text))} }}"));
        }

        if (s.ForwardFor)
        {
            parts.Add("option forwardfor" + (s.ForwardForExcept is { } e ? $" except {e.Text}" : "") + (s.ForwardForIfNone ? " if-none" : ""));
        }

        return parts.Count == 0 ? "no set-src rule, no option forwardfor" : string.Join("; ", parts);
    }
}
