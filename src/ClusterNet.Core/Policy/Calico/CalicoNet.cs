using System.Net;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>Calico <c>nets</c>/<c>notNets</c> entries: a CIDR, or a bare address meaning that one host (/32, /128).</summary>
public static class CalicoNet
{
    public static bool IsValid(string? text) => TryParse(text, out _);

    internal static bool TryParse(string? text, out CidrRange range)
    {
        if (CidrRange.TryParse(text, out range))
        {
            return true;
        }

        if (text is not null && IPAddress.TryParse(text.Trim(), out var ip))
        {
            var bits = ip.IsIPv4MappedToIPv6 || ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
            return CidrRange.TryParse($"{text.Trim()}/{bits}", out range);
        }

        return false;
    }
}
