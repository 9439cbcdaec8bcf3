using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.Policy;

/// <summary>
/// An IPv4 or IPv6 CIDR. Host bits in the written address are ignored (the API server accepts such CIDRs in ipBlock).
/// </summary>
internal sealed class CidrRange(string text, byte[] network, int prefixLength)
{
    public string Text { get; } = text;
    public byte[] Network { get; } = network;
    public int PrefixLength { get; } = prefixLength;
    private readonly UInt128 _net = ToValue(network);
    private readonly UInt128 _mask = MaskOf(network.Length, prefixLength);

    /// <summary>An address as a number (IPv4 in the low 32 bits) plus its length in bytes: what Contains compares without allocating.</summary>
    public static (UInt128 Value, int Length) ValueOf(IPAddress address)
    {
        var b = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();
        return (ToValue(b), b.Length);
    }

    public bool Contains(UInt128 value, int length) => length == Network.Length && (value & _mask) == _net;

    private static UInt128 ToValue(byte[] bytes)
    {
        UInt128 v = 0;
        foreach (var x in bytes)
        {
            v = (v << 8) | x;
        }

        return v;
    }

    private static UInt128 MaskOf(int length, int prefix)
    {
        var bits = length * 8;
        var all = bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;
        return prefix == 0 ? 0 : all & ~((UInt128.One << (bits - prefix)) - 1);
    }

    public AddressFamily Family => Network.Length == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public static bool TryParse(string? text, out CidrRange range)
    {
        range = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var slash = t.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(t[..slash], out var ip) || !int.TryParse(t[(slash + 1)..], out var prefix))
        {
            return false;
        }

        var bytes = ip.GetAddressBytes();
        if (prefix < 0 || prefix > bytes.Length * 8)
        {
            return false;
        }

        Mask(bytes, prefix);
        range = new CidrRange(t, bytes, prefix);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        var b = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();
        if (b.Length != Network.Length)
        {
            return false;
        }

        Mask(b, PrefixLength);
        return b.AsSpan().SequenceEqual(Network);
    }

    /// <summary>True when the two ranges share at least one address.</summary>
    public bool Overlaps(CidrRange other)
    {
        if (other.Network.Length != Network.Length)
        {
            return false;
        }

        var shorter = Math.Min(PrefixLength, other.PrefixLength);
        var a = (byte[])Network.Clone();
        var b = (byte[])other.Network.Clone();
        Mask(a, shorter);
        Mask(b, shorter);
        return a.AsSpan().SequenceEqual(b);
    }

    private static void Mask(byte[] bytes, int prefix)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
    }

    public override string ToString() => Text;
}
