using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// A trusted proxy address or network as written ("10.0.0.0/8", "10.1.2.3", "::1"). Host bits beyond the prefix
/// are masked off, as nginx does (with a warning) and as System.Net.IPNetwork.Parse does.
/// </summary>
public sealed record TrustedProxy(string Text, IPAddress Network, int PrefixLength, bool IsSingleAddress, bool HostBitsMasked)
{
    public static bool TryParse(string text, out TrustedProxy? proxy, out string error)
    {
        proxy = null;
        var t = text.Trim();
        var slash = t.IndexOf('/');
        var addressText = slash < 0 ? t : t[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%') || addressText.StartsWith('['))
        {
            error = $"'{text}' is not an IP address or CIDR";
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3)
        {
            error = $"'{text}' is not a dotted-quad IPv4 address or CIDR";
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(t[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            error = $"'{text}' has an invalid prefix length (0-{bits})";
            return false;
        }

        var masked = Mask(address, prefix);
        proxy = new TrustedProxy(t, masked, prefix, slash < 0, !masked.Equals(address));
        error = "";
        return true;
    }

    /// <summary>Comma-separated list; empty text means no trusted proxies.</summary>
    public static bool TryParseList(string text, out List<TrustedProxy> proxies, out string error)
    {
        proxies = [];
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out var p, out error))
            {
                return false;
            }

            proxies.Add(p!);
        }

        return true;
    }

    /// <summary>Same family and same leading <see cref="PrefixLength"/> bits. No IPv4-mapped magic: callers decide that.</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = Network.GetAddressBytes();
        var full = PrefixLength / 8;
        for (var i = 0; i < full; i++)
        {
            if (a[i] != n[i])
            {
                return false;
            }
        }

        var rest = PrefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xff << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }

    /// <summary>Canonical text: "10.0.0.0/8", or the bare address for a single host.</summary>
    public string Canonical => IsSingleAddress ? Network.ToString() : $"{Network}/{PrefixLength}";

    public override string ToString() => Canonical;

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
