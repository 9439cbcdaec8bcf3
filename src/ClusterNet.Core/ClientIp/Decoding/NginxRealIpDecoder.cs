using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// ngx_http_realip_module (nginx 1.22) as a pure function. Rules it follows:
/// no set_real_ip_from means the module does nothing; X-Real-IP (or another single header) is read from its first
/// line only; X-Forwarded-For lines are walked last to first; within a line addresses are split on commas
/// <em>and spaces</em>, taken from the right; each step first checks that the current address is trusted;
/// real_ip_recursive off takes exactly one address; an unparsable token ends the walk, keeping what was found
/// before it (or nothing, if it was the first). IPv4-mapped IPv6 addresses are matched against IPv4 networks.
/// </summary>
public static class NginxRealIpDecoder
{
    private enum Rc
    {
        Ok,
        Done,
        Declined,
    }

    public static NginxRealIpResult Decode(ForwardedDecodeRequest request)
    {
        var log = new StepLog();
        var remote = request.RemoteAddress;
        var remoteText = NginxAddress.Format(remote);
        var trusted = request.Trusted;
        var config = trusted.IsDefaultOrEmpty
            ? $"no set_real_ip_from; real_ip_header {request.HeaderName}; real_ip_recursive {(request.Recursive ? "on" : "off")}"
            : string.Join(" ", trusted.Select(t => $"set_real_ip_from {t.Canonical};")) +
              $" real_ip_header {request.HeaderName}; real_ip_recursive {(request.Recursive ? "on" : "off")}";
        log.Add(DecodeAction.Config, config);

        foreach (var t in trusted.Where(t => t.HostBitsMasked))
        {
            log.Add(DecodeAction.Note, $"set_real_ip_from {t.Text}: nginx warns \"low address bits are meaningless\" and uses {t.Canonical}");
        }

        if (trusted.IsDefaultOrEmpty)
        {
            log.Add(DecodeAction.Result, $"No set_real_ip_from: the realip module is inactive, $remote_addr stays the socket address {remoteText}.", remoteText, decisive: true);
            return new NginxRealIpResult(remoteText, false, log.ToImmutable());
        }

        var lines = request.Headers.Where(h => h.Is(request.HeaderName)).ToList();
        if (lines.Count == 0)
        {
            log.Add(DecodeAction.Result, $"No {request.HeaderName} header: $remote_addr stays {remoteText}.", remoteText, decisive: true);
            return new NginxRealIpResult(remoteText, false, log.ToImmutable());
        }

        var addr = remote;
        Rc rc;
        if (IsXForwardedFor(request.HeaderName))
        {
            log.Add(DecodeAction.Header, lines.Count == 1
                ? $"{request.HeaderName}: \"{lines[0].NginxValue}\""
                : $"{lines.Count} {request.HeaderName} lines, walked from the last to the first");
            rc = Rc.Declined;
            var found = false;
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                var label = lines.Count == 1 ? "the header" : $"line {i + 1}";
                rc = WalkLine(lines[i].NginxValue, label, i == 0, ref addr, request, log);
                if (!request.Recursive)
                {
                    break;
                }

                if (rc == Rc.Declined && found)
                {
                    rc = Rc.Done;
                    break;
                }

                if (rc != Rc.Ok)
                {
                    break;
                }

                found = true;
                if (i > 0)
                {
                    log.Add(DecodeAction.Note, $"{char.ToUpperInvariant(label[0])}{label[1..]} used up, every address in it trusted so far; continuing with line {i}.", NginxAddress.Format(addr));
                }
            }
        }
        else
        {
            log.Add(DecodeAction.Header, lines.Count == 1
                ? $"{request.HeaderName}: \"{lines[0].NginxValue}\""
                : $"{request.HeaderName}: \"{lines[0].NginxValue}\" (first line; nginx ignores the other {lines.Count - 1})");
            rc = WalkLine(lines[0].NginxValue, "the header", true, ref addr, request, log);
        }

        if (rc == Rc.Declined)
        {
            log.Add(DecodeAction.Result, $"Nothing taken: $remote_addr stays {remoteText}.", remoteText);
            return new NginxRealIpResult(remoteText, false, log.ToImmutable());
        }

        var result = NginxAddress.Format(addr);
        log.Add(DecodeAction.Result, $"$remote_addr = {result} (was {remoteText}; $realip_remote_addr keeps {remoteText}).", result);
        return new NginxRealIpResult(result, true, log.ToImmutable());
    }

    internal static bool IsXForwardedFor(string headerName) => string.Equals(headerName, ForwardedDecodeRequest.XForwardedFor, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Tokens of one header value, rightmost first, exactly as nginx cuts them: trailing spaces/commas skipped,
    /// a token runs back to the previous space or comma, but the scan never looks at the first byte, so a value
    /// that starts with a separator keeps it in its first token. Null marks "nothing left" (nginx would read
    /// the byte before the value, which never parses).
    /// </summary>
    internal static IEnumerable<string?> TokensRightToLeft(string value)
    {
        var len = value.Length;
        while (true)
        {
            var p = len - 1;
            while (p > 0 && (value[p] == ' ' || value[p] == ','))
            {
                p--;
                len--;
            }

            while (p > 0)
            {
                if (value[p] == ' ' || value[p] == ',')
                {
                    p++;
                    break;
                }

                p--;
            }

            if (p < 0 || len - p <= 0)
            {
                yield return null;
                yield break;
            }

            yield return value[p..len];
            if (p <= 0)
            {
                yield break;
            }

            len = p - 1;
        }
    }

    private static Rc WalkLine(string value, string label, bool lastLine, ref IPAddress addr, ForwardedDecodeRequest request, StepLog log)
    {
        var found = false;
        foreach (var token in TokensRightToLeft(value))
        {
            var current = NginxAddress.Format(addr);
            var match = TrustedMatch(addr, request);
            if (match is null)
            {
                log.Add(DecodeAction.Stop, $"{current} is not in any set_real_ip_from network: stop{(found ? $", client is {current}" : $"; {label} is not used")}.", current, decisive: true);
                return found ? Rc.Done : Rc.Declined;
            }

            log.Add(DecodeAction.Trust, $"{current} is trusted (set_real_ip_from {match.Canonical}).", current, match.Canonical);
            if (token is null)
            {
                log.Add(DecodeAction.Stop, $"Nothing left before the separator at the start of {label}: nothing more nginx can parse{(found ? $"; client is {current}" : "")}.", current, decisive: true);
                return found ? Rc.Done : Rc.Declined;
            }

            if (!NginxAddress.TryParseAddrPort(token, out var parsed))
            {
                log.Add(DecodeAction.Stop, $"\"{token}\" in {label} is not an address nginx parses: stop{(found ? $", client is {current}" : $"; {label} is not used")}.", current, decisive: true);
                return found ? Rc.Done : Rc.Declined;
            }

            addr = parsed!;
            found = true;
            var taken = NginxAddress.Format(addr);
            var isLast = !request.Recursive;
            log.Add(DecodeAction.Take, $"Take the rightmost remaining address of {label}: \"{token}\" → {taken}" +
                (isLast ? " (real_ip_recursive off: one address only)." : "."), taken, decisive: isLast);
            if (isLast)
            {
                return Rc.Ok;
            }
        }

        if (lastLine)
        {
            log.MarkLastDecisive();
            log.Add(DecodeAction.Note, $"Reached the start of {label}: every address to the right was trusted, so the leftmost one is the client.", NginxAddress.Format(addr));
        }

        return Rc.Ok;
    }

    private static TrustedProxy? TrustedMatch(IPAddress address, ForwardedDecodeRequest request)
    {
        // ngx_cidr_match: an IPv4-mapped IPv6 address is compared as IPv4 only.
        var candidate = address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return request.Trusted.FirstOrDefault(t => t.Contains(candidate));
    }
}
