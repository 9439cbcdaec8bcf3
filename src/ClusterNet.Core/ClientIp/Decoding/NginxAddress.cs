using System.Globalization;
using System.Net;
using System.Text;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// Address parsing and printing the way nginx 1.22 does it (ngx_parse_addr_port, ngx_inet_addr, ngx_inet6_addr,
/// ngx_inet6_ntop). Its rules differ from .NET's in ways that decide real requests: "1..2.3" is 1.0.2.3,
/// "255.255.255.255" is rejected, "010.1.1.1" is decimal, "[v6]" without a port is rejected, a single leading
/// colon is skipped, "::1234" prints as "::0.0.18.52". Checked against the real nginx in the tests.
/// </summary>
public static class NginxAddress
{
    /// <summary>"addr", "addr:port" or "[v6]:port" (port 1..65535). The port is dropped: $remote_addr never shows it.</summary>
    public static bool TryParseAddrPort(string text, out IPAddress? address)
    {
        if (TryParseAddr(text, out address))
        {
            return true;
        }

        address = null;
        string host;
        string port;
        if (text.Length > 0 && text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close < 0 || close == text.Length - 1 || text[close + 1] != ':')
            {
                return false;
            }

            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            // nginx splits at the first colon, so an unbracketed IPv6 address with a port never parses.
            var colon = text.IndexOf(':');
            if (colon < 0)
            {
                return false;
            }

            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (!TryParsePort(port, out var n) || n < 1 || n > 65535)
        {
            return false;
        }

        return TryParseAddr(host, out address);
    }

    /// <summary>IPv4 by nginx's loose dotted-quad rule, else IPv6 by its own parser.</summary>
    public static bool TryParseAddr(string text, out IPAddress? address)
    {
        if (TryParseIPv4(text, out var v4))
        {
            address = new IPAddress(v4);
            return true;
        }

        var bytes = new byte[16];
        if (TryParseIPv6(text, bytes))
        {
            address = new IPAddress(bytes);
            return true;
        }

        address = null;
        return false;
    }

    /// <summary>$remote_addr text: dotted quad, or nginx's IPv6 rendering (which differs from RFC 5952 for some embedded-IPv4 forms).</summary>
    public static string Format(IPAddress address)
    {
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return address.ToString();
        }

        return FormatIPv6(address.GetAddressBytes());
    }

    private static bool TryParsePort(string text, out int port)
    {
        port = 0;
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            port = port * 10 + (c - '0');
            if (port > 65535)
            {
                port = int.MaxValue;
                return true;
            }
        }

        return true;
    }

    // Digits and dots only; empty octets count as 0, exactly three dots required, each octet <= 255.
    // 255.255.255.255 equals nginx's INADDR_NONE sentinel, so nginx rejects it.
    private static bool TryParseIPv4(string text, out byte[] bytes)
    {
        bytes = new byte[4];
        var octet = 0;
        var dots = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                octet = octet * 10 + (c - '0');
                if (octet > 255)
                {
                    return false;
                }

                continue;
            }

            if (c == '.')
            {
                if (dots < 3)
                {
                    bytes[dots] = (byte)octet;
                }

                octet = 0;
                dots++;
                continue;
            }

            return false;
        }

        if (dots != 3)
        {
            return false;
        }

        bytes[3] = (byte)octet;
        return !(bytes[0] == 255 && bytes[1] == 255 && bytes[2] == 255 && bytes[3] == 255);
    }

    private static bool TryParseIPv6(string text, byte[] output)
    {
        if (text.Length == 0)
        {
            return false;
        }

        var i = text[0] == ':' ? 1 : 0;
        var o = 0;
        var gap = -1;            // output index where "::" stands
        var groupStart = -1;     // text index of the current group, for an embedded IPv4 tail
        var nibbles = 0;
        var word = 0u;
        var groupsLeft = 8;

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                if (nibbles > 0)
                {
                    groupStart = i + 1;
                    output[o++] = (byte)(word >> 8);
                    output[o++] = (byte)word;
                    if (--groupsLeft > 0)
                    {
                        nibbles = 0;
                        word = 0;
                        continue;
                    }
                }
                else if (gap < 0)
                {
                    groupStart = i + 1;
                    gap = o;
                    continue;
                }

                return false;
            }

            if (c == '.' && nibbles > 0)
            {
                if (groupsLeft < 2 || groupStart < 0 || !TryParseIPv4(text[groupStart..], out var tail))
                {
                    return false;
                }

                output[o++] = tail[0];
                output[o++] = tail[1];
                groupsLeft--;
                word = (uint)(tail[2] << 8 | tail[3]);
                nibbles = 1;
                break;
            }

            if (++nibbles > 4)
            {
                return false;
            }

            var lower = (char)(c | 0x20);
            if (c is >= '0' and <= '9')
            {
                word = word * 16 + (uint)(c - '0');
            }
            else if (lower is >= 'a' and <= 'f')
            {
                word = word * 16 + (uint)(lower - 'a' + 10);
            }
            else
            {
                return false;
            }
        }

        if (nibbles == 0 && gap < 0)
        {
            return false;
        }

        output[o++] = (byte)(word >> 8);
        output[o++] = (byte)word;

        if (--groupsLeft > 0)
        {
            if (gap < 0)
            {
                return false;
            }

            // Move what follows "::" to the end and zero the gap.
            var shift = groupsLeft * 2;
            for (var s = o - 1; s >= gap; s--)
            {
                output[s + shift] = output[s];
            }

            Array.Clear(output, gap, shift);
            return true;
        }

        return gap < 0;
    }

    private static string FormatIPv6(byte[] p)
    {
        // Longest run (>= 2 groups, first one wins) of zero groups is compressed.
        int zero = -1, max = 1, run = 0, last = -1;
        for (var i = 0; i < 16; i += 2)
        {
            if (p[i] != 0 || p[i + 1] != 0)
            {
                if (max < run)
                {
                    zero = last;
                    max = run;
                }

                run = 0;
                continue;
            }

            if (run++ == 0)
            {
                last = i;
            }
        }

        if (max < run)
        {
            zero = last;
            max = run;
        }

        var sb = new StringBuilder();
        var n = 16;
        if (zero == 0)
        {
            if ((max == 5 && p[10] == 0xff && p[11] == 0xff) || max == 6 || (max == 7 && p[14] != 0 && p[15] != 1))
            {
                n = 12;
            }

            sb.Append(':');
        }

        for (var i = 0; i < n; i += 2)
        {
            if (i == zero)
            {
                sb.Append(':');
                i += (max - 1) * 2;
                continue;
            }

            sb.Append(((p[i] << 8) | p[i + 1]).ToString("x", CultureInfo.InvariantCulture));
            if (i < 14)
            {
                sb.Append(':');
            }
        }

        if (n == 12)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{p[12]}.{p[13]}.{p[14]}.{p[15]}");
        }

        return sb.ToString();
    }
}
