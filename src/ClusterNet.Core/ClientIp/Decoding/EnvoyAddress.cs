using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// Address parsing as Envoy's Network::Utility::parseInternetAddressNoThrow does it for XFF entries: IPv4 only as a
/// strict dotted quad (inet_pton: four decimal parts 0-255, no leading zeros), IPv6 without brackets and without a
/// port. Anything else is not an address to Envoy.
/// </summary>
public static class EnvoyAddress
{
    public static bool TryParse(string text, out IPAddress? address)
    {
        address = null;
        if (text.Length == 0 || text.Contains('[') || text.Contains(']'))
        {
            return false;
        }

        if (!text.Contains(':'))
        {
            return TryParseDottedQuad(text, out address);
        }

        if (IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = v6;
            return true;
        }

        return false;
    }

    private static bool TryParseDottedQuad(string text, out IPAddress? address)
    {
        address = null;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0') || !p.All(char.IsAsciiDigit))
            {
                return false;
            }

            var value = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            bytes[i] = (byte)value;
        }

        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>RFC 1918 (IPv4) or RFC 4193 (IPv6 fc00::/7): what Envoy's header documentation calls internal.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168)
            : (b[0] & 0xFE) == 0xFC;
    }
}
