using System.Net;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// ForwardedHeadersMiddleware (ASP.NET Core 10, ForwardedHeaders.XForwardedFor only) as a pure function.
/// Rules: values are the comma-separated entries of every header line; ForwardLimit (default 1) caps how many
/// entries from the right are considered; before each entry the current remote address must be a known proxy,
/// <em>unless KnownProxies and KnownIPNetworks are both empty, in which case every sender is trusted</em>;
/// entries are parsed with IPEndPoint.TryParse (lenient: "1.2.3" is 1.2.0.3, "010.1.1.1" is octal 8.1.1.1,
/// "[v6]" is accepted); the first unparsable entry stops the walk; consumed entries are removed from the header.
/// </summary>
public static class AspNetForwardedDecoder
{
    public static AspNetForwardedResult Decode(ForwardedDecodeRequest request)
    {
        var log = new StepLog();
        var remote = request.RemoteAddress;
        var proxies = request.Trusted.Where(t => t.IsSingleAddress).ToList();
        var networks = request.Trusted.Where(t => !t.IsSingleAddress).ToList();
        log.Add(DecodeAction.Config,
            $"ForwardedHeaders = XForwardedFor; ForwardedForHeaderName = {request.HeaderName}; " +
            $"KnownProxies = [{string.Join(", ", proxies.Select(p => p.Canonical))}]; " +
            $"KnownIPNetworks = [{string.Join(", ", networks.Select(n => n.Canonical))}]; " +
            $"ForwardLimit = {(request.ForwardLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null (no limit)")}");

        var checkKnown = proxies.Count > 0 || networks.Count > 0;
        if (!checkKnown)
        {
            log.Add(DecodeAction.Note, "KnownProxies and KnownIPNetworks are both empty: the middleware skips the proxy check and believes the header from any sender (up to ForwardLimit).");
        }

        var lines = request.Headers.Where(h => h.Is(request.HeaderName)).Select(h => h.KestrelValue).ToList();
        var values = AspNetHeaderSplitter.Split(lines);
        if (values.Count == 0)
        {
            log.Add(DecodeAction.Result, lines.Count == 0
                ? $"No {request.HeaderName} header: RemoteIpAddress stays {remote}."
                : $"{request.HeaderName} has no non-empty entries: RemoteIpAddress stays {remote}.", remote.ToString(), decisive: true);
            return new AspNetForwardedResult(remote.ToString(), null, false, [], null, log.ToImmutable());
        }

        log.Add(DecodeAction.Split, $"{request.HeaderName} entries: [{string.Join(", ", values.Select(v => $"\"{v}\""))}]");
        var entryCount = values.Count;
        if (request.ForwardLimit is { } limit && entryCount > limit)
        {
            entryCount = limit;
            log.Add(DecodeAction.Note, $"ForwardLimit {limit}: only the last {limit} of {values.Count} entries can be used.");
        }

        var current = remote;
        int? currentPort = null;
        var applied = false;
        var consumed = 0;
        var stopped = false;
        for (; consumed < entryCount; consumed++)
        {
            var text = values[values.Count - consumed - 1];
            if (checkKnown)
            {
                var match = KnownMatch(current, proxies, networks);
                if (match is null)
                {
                    log.Add(DecodeAction.Stop, $"{current} is not a known proxy: stop{(applied ? $", client is {current}" : "; the header is ignored")}.", current.ToString(), decisive: true);
                    stopped = true;
                    break;
                }

                log.Add(DecodeAction.Trust, $"{current} is a known {(match.IsSingleAddress ? "proxy" : "network")} ({match.Canonical}).", current.ToString(), match.Canonical);
            }

            if (IPEndPoint.TryParse(text, out var endPoint))
            {
                applied = true;
                current = endPoint.Address;
                currentPort = endPoint.Port;
                log.Add(DecodeAction.Take, $"Entry {values.Count - consumed} from the left, \"{text}\" → {current}{(endPoint.Port != 0 ? $" port {endPoint.Port}" : "")}.", current.ToString());
            }
            else
            {
                log.Add(DecodeAction.Stop, $"\"{text}\" is not an IP endpoint (IPEndPoint.TryParse fails): stop{(applied ? $", client is {current}" : "; the header is ignored")}.", current.ToString(), decisive: true);
                stopped = true;
                break;
            }
        }

        if (!stopped)
        {
            log.MarkLastDecisive();
            log.Add(DecodeAction.Note, consumed == values.Count
                ? "All entries consumed."
                : $"ForwardLimit reached after {consumed} entr{(consumed == 1 ? "y" : "ies")}: the rest are not checked.");
        }

        if (!applied)
        {
            log.Add(DecodeAction.Result, $"Nothing applied: RemoteIpAddress stays {remote}; {request.HeaderName} is left as it came.", remote.ToString());
            return new AspNetForwardedResult(remote.ToString(), null, false, [.. values], null, log.ToImmutable());
        }

        var remaining = values.Count > consumed ? values.Take(values.Count - consumed).ToList() : [];
        log.Add(DecodeAction.Result,
            $"RemoteIpAddress = {current} (was {remote}, saved in X-Original-For); {request.HeaderName} now " +
            (remaining.Count == 0 ? "removed (all entries consumed)." : $"[{string.Join(", ", remaining)}]."), current.ToString());
        return new AspNetForwardedResult(current.ToString(), currentPort, true, [.. remaining], new IPEndPoint(remote, 0).ToString(), log.ToImmutable());
    }

    /// <summary>CheckKnownAddress: an IPv4-mapped address is tried as IPv4 first, then as itself.</summary>
    private static TrustedProxy? KnownMatch(IPAddress address, List<TrustedProxy> proxies, List<TrustedProxy> networks)
    {
        if (address.IsIPv4MappedToIPv6 && KnownMatch(address.MapToIPv4(), proxies, networks) is { } mapped)
        {
            return mapped;
        }

        return proxies.FirstOrDefault(p => p.Network.Equals(address)) ?? networks.FirstOrDefault(n => n.Contains(address));
    }
}
