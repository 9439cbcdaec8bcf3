using System.Globalization;

namespace ClusterNet.Core.Topology;

/// <summary>
/// An IPv4 prefix. Parsing is strict (four dotted decimals, prefix 0–32) because <see cref="System.Net.IPAddress"/>
/// accepts forms like "10.1" that no Kubernetes field would contain and that would hide typos.
/// </summary>
public readonly record struct Ipv4Cidr(uint Address, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    public uint Network => Address & Mask;

    public uint Broadcast => Network | ~Mask;

    /// <summary>True when the address has host bits set (e.g. 10.244.1.5/24): Kubernetes rejects such podCIDRs.</summary>
    public bool HasHostBits => (Address & ~Mask) != 0;

    public Ipv4Cidr Normalized => new(Network, PrefixLength);

    public bool Contains(uint ip) => (ip & Mask) == Network;

    public bool Contains(Ipv4Cidr other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    public bool Overlaps(Ipv4Cidr other) => Contains(other.Network) || other.Contains(Network);

    public static bool TryParse(string? text, out Ipv4Cidr cidr)
    {
        cidr = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/');
        if (slash < 0 || !TryParseAddress(text[..slash], out var ip))
        {
            return false;
        }

        var prefixText = text[(slash + 1)..];
        if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32 || prefixText.Length > 2)
        {
            return false;
        }

        cidr = new Ipv4Cidr(ip, prefix);
        return true;
    }

    public static Ipv4Cidr Parse(string text) =>
        TryParse(text, out var c) ? c : throw new FormatException($"'{text}' is not an IPv4 CIDR");

    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var p in parts)
        {
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit))
            {
                return false;
            }

            var v = int.Parse(p, CultureInfo.InvariantCulture);
            if (v > 255)
            {
                return false;
            }

            address = (address << 8) | (uint)v;
        }

        return true;
    }

    public static string FormatAddress(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FormatAddress(Address)}/{PrefixLength}");
}
