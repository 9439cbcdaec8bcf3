using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// Decoder input as text, the way the CLI flags and the web form give it: remote address, raw header lines,
/// trusted "CIDR[,CIDR]" ("" = none), header name, recursive on/off, forward limit "N" or "none", and for the Envoy
/// reading xff_num_trusted_hops "N" and use_remote_address (Envoy's defaults: 0 and false).
/// <see cref="TryParse"/> validates it into a <see cref="ForwardedDecodeRequest"/> with messages naming the field.
/// </summary>
public sealed record DecodeInput(
    string RemoteAddr,
    ImmutableArray<string> Headers,
    string Trusted,
    string HeaderName = ForwardedDecodeRequest.XForwardedFor,
    bool Recursive = false,
    string ForwardLimit = "1",
    string XffNumTrustedHops = "0",
    bool UseRemoteAddress = false)
{
    public bool TryParse(out ForwardedDecodeRequest? request, out string error)
    {
        request = null;
        var remoteText = (RemoteAddr ?? "").Trim();
        if (!IPAddress.TryParse(remoteText, out var remote) || remoteText.Contains('%', StringComparison.Ordinal))
        {
            error = $"remote address '{remoteText}' is not an IP address";
            return false;
        }

        if (!TrustedProxy.TryParseList(Trusted ?? "", out var trusted, out error))
        {
            error = "trusted proxies: " + error;
            return false;
        }

        var lines = new List<HeaderLine>();
        foreach (var raw in Headers.IsDefault ? [] : Headers)
        {
            if (!HeaderLine.TryParse(raw, out var line, out error))
            {
                error = "header: " + error;
                return false;
            }

            lines.Add(line!);
        }

        var name = HeaderName ?? "";
        if (!name.Equals(ForwardedDecodeRequest.XForwardedFor, StringComparison.OrdinalIgnoreCase) && !name.Equals(ForwardedDecodeRequest.XRealIp, StringComparison.OrdinalIgnoreCase))
        {
            error = $"header name must be {ForwardedDecodeRequest.XForwardedFor} or {ForwardedDecodeRequest.XRealIp}, got '{name}'";
            return false;
        }

        int? limit = null;
        var limitText = (ForwardLimit ?? "1").Trim();
        if (limitText != "none")
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                error = $"forward limit must be a whole number or none, got '{limitText}'";
                return false;
            }

            limit = n;
        }

        var hopsText = (XffNumTrustedHops ?? "0").Trim();
        if (!int.TryParse(hopsText, NumberStyles.None, CultureInfo.InvariantCulture, out var hops))
        {
            error = $"xff-num-trusted-hops must be a whole number, got '{hopsText}'";
            return false;
        }

        request = new ForwardedDecodeRequest
        {
            RemoteAddress = remote,
            Headers = [.. lines],
            Trusted = [.. trusted],
            HeaderName = name.Equals(ForwardedDecodeRequest.XRealIp, StringComparison.OrdinalIgnoreCase) ? ForwardedDecodeRequest.XRealIp : ForwardedDecodeRequest.XForwardedFor,
            Recursive = Recursive,
            ForwardLimit = limit,
            Envoy = new EnvoyXffSettings { UseRemoteAddress = UseRemoteAddress, NumTrustedHops = hops },
        };
        error = "";
        return true;
    }
}
