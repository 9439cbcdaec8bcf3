using System.Net;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// Envoy's trusted client address (HTTP connection manager, docs "x-forwarded-for"), as a pure function:
/// <list type="bullet">
/// <item>use_remote_address false: the (N+1)th address from the right of XFF (N = xff_num_trusted_hops); fewer
/// addresses (or none parsable there): the socket peer. XFF is forwarded unchanged.</item>
/// <item>use_remote_address true: N = 0 → the socket peer, XFF ignored; N &gt; 0 → the Nth address from the right,
/// falling back to the socket peer. The peer is then appended to XFF (unless skip_xff_append).</item>
/// <item>trusted CIDRs (XFF extension): only when the peer is in them, XFF is walked from the right and the first
/// address outside them wins; all inside: the leftmost.</item>
/// </list>
/// Several XFF lines are one comma-joined value to Envoy (its header map appends repeats of x-forwarded-for with ",").
/// An entry is "the text after the last remaining comma", trimmed; one that is not an address ends the search
/// (no fallback to a further-left entry), exactly like Http::Utility::getLastAddressFromXFF.
/// </summary>
public static class EnvoyClientAddressDecoder
{
    public static EnvoyClientAddressResult Decode(ForwardedDecodeRequest request, EnvoyXffSettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var log = new StepLog();
        var peer = request.RemoteAddress;
        var peerText = peer.ToString();
        log.Add(DecodeAction.Config, $"use_remote_address {(settings.UseRemoteAddress ? "true" : "false")}; "
            + (settings.TrustedCidrs.IsDefaultOrEmpty ? $"xff_num_trusted_hops {settings.NumTrustedHops}" : "xff_trusted_cidrs " + string.Join(", ", settings.TrustedCidrs.Select(c => c.Text)))
            + (settings.SkipXffAppend ? "; skip_xff_append true" : ""));

        var lines = request.Headers.Where(h => h.Is(ForwardedDecodeRequest.XForwardedFor)).ToList();
        string? xff = lines.Count == 0 ? null : string.Join(",", lines.Select(l => l.RawValue.Trim(' ', '\t')));
        if (lines.Count > 1)
        {
            log.Add(DecodeAction.Header, $"{lines.Count} X-Forwarded-For lines: Envoy joins them with \",\" into \"{xff}\"");
        }
        else if (xff is not null)
        {
            log.Add(DecodeAction.Header, $"X-Forwarded-For: \"{xff}\"");
        }
        else
        {
            log.Add(DecodeAction.Header, "no X-Forwarded-For header");
        }

        IPAddress? client = null;
        var fromXff = false;
        if (!settings.TrustedCidrs.IsDefaultOrEmpty)
        {
            client = FromTrustedCidrs(xff, peer, settings, log);
            fromXff = client is not null;
        }
        else if (settings.UseRemoteAddress)
        {
            if (settings.NumTrustedHops == 0)
            {
                log.Add(DecodeAction.Trust, "use_remote_address true and no trusted hops: the socket peer is the client, XFF is not read.");
            }
            else
            {
                client = LastFromXff(xff, settings.NumTrustedHops - 1, log);
                fromXff = client is not null;
            }
        }
        else
        {
            client = LastFromXff(xff, settings.NumTrustedHops, log);
            fromXff = client is not null;
        }

        if (client is null)
        {
            client = peer;
            log.Add(DecodeAction.Result, $"Trusted client address: the socket peer {peerText}.", peerText, decisive: true);
        }
        else
        {
            log.MarkLastDecisive();
            log.Add(DecodeAction.Result, $"Trusted client address: {client} from X-Forwarded-For.", client.ToString());
        }

        string? forwarded = xff;
        if (settings.UseRemoteAddress && !settings.SkipXffAppend)
        {
            forwarded = string.IsNullOrEmpty(xff) ? peerText : xff + "," + peerText;
            log.Add(DecodeAction.Note, $"Envoy appends the socket peer to X-Forwarded-For (with \",\", no space): \"{forwarded}\".");
        }
        else if (settings.UseRemoteAddress)
        {
            log.Add(DecodeAction.Note, "skip_xff_append: X-Forwarded-For is forwarded as received.");
        }
        else
        {
            log.Add(DecodeAction.Note, "use_remote_address false: Envoy forwards X-Forwarded-For unchanged (transparent mode).");
        }

        // Envoy's header documentation: with use_remote_address the request is internal iff it has no XFF and the peer
        // is RFC 1918/4193; without, iff XFF holds a single such address.
        bool internalRequest;
        if (settings.UseRemoteAddress)
        {
            internalRequest = xff is null && EnvoyAddress.IsInternal(peer);
        }
        else
        {
            var single = xff is not null && !xff.Contains(',') && EnvoyAddress.TryParse(xff.Trim(' ', '\t'), out var only) && EnvoyAddress.IsInternal(only!);
            internalRequest = single;
        }

        var external = settings.UseRemoteAddress && !internalRequest ? client.ToString() : null;
        if (external is not null)
        {
            log.Add(DecodeAction.Note, $"x-envoy-external-address: {external}.");
        }

        return new EnvoyClientAddressResult(client.ToString(), fromXff, forwarded, external, internalRequest, log.ToImmutable());
    }

    /// <summary>Http::Utility::getLastAddressFromXFF: drop <paramref name="skip"/> entries from the right, parse the next one.</summary>
    private static IPAddress? LastFromXff(string? xff, int skip, StepLog log)
    {
        if (xff is null)
        {
            log.Add(DecodeAction.Skip, "No X-Forwarded-For: nothing to take from it.");
            return null;
        }

        var rest = xff;
        for (var i = 0; i < skip; i++)
        {
            var comma = rest.LastIndexOf(',');
            if (comma < 0)
            {
                log.Add(DecodeAction.Skip, $"X-Forwarded-For has fewer than {skip + 1} entries: Envoy falls back to the socket peer.");
                return null;
            }

            log.Add(DecodeAction.Skip, $"Skip trusted hop {i + 1} \"{rest[(comma + 1)..].Trim(' ', '\t')}\".", rest[(comma + 1)..].Trim(' ', '\t'));
            rest = rest[..comma];
        }

        var last = rest.LastIndexOf(',');
        if (last >= 0 && last + 1 < rest.Length)
        {
            rest = rest[(last + 1)..];
        }

        var candidate = rest.Trim(' ', '\t');
        if (EnvoyAddress.TryParse(candidate, out var address))
        {
            log.Add(DecodeAction.Take, $"Entry {skip + 1} from the right: {address}.", address!.ToString());
            return address;
        }

        log.Add(DecodeAction.Stop, $"Entry {skip + 1} from the right, \"{candidate}\", is not an IP address to Envoy: it falls back to the socket peer.", candidate);
        return null;
    }

    private static IPAddress? FromTrustedCidrs(string? xff, IPAddress peer, EnvoyXffSettings settings, StepLog log)
    {
        bool Trusted(IPAddress a) => settings.TrustedCidrs.Any(c => c.Contains(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a));
        if (!Trusted(peer))
        {
            log.Add(DecodeAction.Trust, $"The socket peer {peer} is not in the trusted CIDRs: XFF is not believed.");
            return null;
        }

        log.Add(DecodeAction.Trust, $"The socket peer {peer} is in the trusted CIDRs.", peer.ToString());
        if (xff is null)
        {
            log.Add(DecodeAction.Skip, "No X-Forwarded-For: nothing to take from it.");
            return null;
        }

        IPAddress? leftmost = null;
        var entries = xff.Split(',');
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            var text = entries[i].Trim(' ', '\t');
            if (!EnvoyAddress.TryParse(text, out var a))
            {
                log.Add(DecodeAction.Stop, $"\"{text}\" is not an IP address: Envoy gives up on XFF and falls back to the socket peer.", text);
                return null;
            }

            if (!Trusted(a!))
            {
                log.Add(DecodeAction.Take, $"{a} is the first address from the right outside the trusted CIDRs.", a!.ToString());
                return a;
            }

            log.Add(DecodeAction.Skip, $"{a} is trusted, go left.", a!.ToString());
            leftmost = a;
        }

        log.Add(DecodeAction.Take, $"Every address is trusted: the leftmost, {leftmost}, is taken.", leftmost?.ToString());
        return leftmost;
    }
}
