using System.Security.Cryptography;
using System.Text;

namespace ClusterNet.Core.Topology;

/// <summary>Calico's deterministic host-side interface names (libcalico-go VethNameForWorkload).</summary>
public static class CalicoNaming
{
    /// <summary>"cali" + the first 11 hex digits of sha1("namespace.pod").</summary>
    public static string VethName(string @namespace, string pod, string prefix = "cali")
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{@namespace}.{pod}"));
        return prefix + Convert.ToHexStringLower(hash)[..11];
    }

    public const string HostSideMac = "ee:ee:ee:ee:ee:ee";
    public const string IpipAnnotation = "projectcalico.org/IPv4IPIPTunnelAddr";
    public const string VxlanAnnotation = "projectcalico.org/IPv4VXLANTunnelAddr";
    public const string VxlanMacAnnotation = "projectcalico.org/VXLANTunnelMACAddr";
    public const string AddressAnnotation = "projectcalico.org/IPv4Address";
    public const string RouteReflectorAnnotation = "projectcalico.org/RouteReflectorClusterID";
    public const int VxlanPort = 4789;
}
