using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>One configured <c>Dns:LookupAllow</c> entry: an address or network, and a port (null: 53).</summary>
public sealed record DnsLookupAllowEntry(IPNetwork Network, int? Port)
{
    public bool Matches(IPAddress address, int port) => Network.Contains(address) && port == (Port ?? DnsLookupAllowList.DnsPort);
}

/// <summary>
/// Which servers a live lookup may ask (the dashboard sends packets on a user's behalf; anything else would let a user
/// probe internal UDP/TCP services): port 53 of the cluster DNS Service IP, the NodeLocal DNSCache address and the
/// nameservers of the pods' effective resolv.conf, plus the configured <c>Dns:LookupAllow</c> entries
/// (<c>IP</c>, <c>IP:PORT</c>, <c>CIDR</c> or <c>CIDR:PORT</c>; IPv6 with a port as <c>[IP]:PORT</c>).
/// </summary>
public static class DnsLookupAllowList
{
    public const int DnsPort = 53;
    public const string Setting = "Dns:LookupAllow";

    /// <summary>The cluster's DNS servers in <paramref name="snapshot"/> (port 53 each), deduplicated and sorted.</summary>
    public static ImmutableArray<string> ClusterServers(ClusterSnapshot snapshot, DnsClusterSettings settings)
    {
        var dns = ClusterFacts.Of(snapshot).Dns;
        var servers = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string? ip)
        {
            if (ip is not null && IPAddress.TryParse(ip, out var a))
            {
                servers.Add(a.ToString());
            }
        }

        Add(dns.KubeDnsIp);
        Add(dns.NodeLocalAddress);
        foreach (var pod in snapshot.Pods)
        {
            foreach (var ns in EffectiveResolvConfBuilder.Build(pod, dns, settings).Conf.Nameservers)
            {
                Add(ns);
            }
        }

        return [.. servers];
    }

    /// <summary>Null when <paramref name="server"/>:<paramref name="port"/> may be asked; else why not and how to allow it.</summary>
    public static string? Refusal(string server, int port, IEnumerable<string> clusterServers, IEnumerable<DnsLookupAllowEntry> configured)
    {
        if (!IPAddress.TryParse(server, out var address))
        {
            return $"'{server}' is not an IP address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (port == DnsPort && clusterServers.Any(s => IPAddress.TryParse(s, out var c) && c.Equals(address)))
        {
            return null;
        }

        if (configured.Any(e => e.Matches(address, port)))
        {
            return null;
        }

        var shown = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
        return $"Live lookups to {shown} are not allowed: only port {DnsPort} of the cluster's DNS servers (the kube-dns Service, NodeLocal DNSCache and the pods' nameservers) may be asked. To allow this server, add \"{shown}\" to {Setting} in the dashboard's configuration.";
    }

    /// <summary>Parses <c>Dns:LookupAllow</c>; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static ImmutableArray<DnsLookupAllowEntry> Parse(IEnumerable<string?> entries)
    {
        var list = ImmutableArray.CreateBuilder<DnsLookupAllowEntry>();
        var errors = new List<string>();
        foreach (var raw in entries)
        {
            if (TryParseEntry(raw, out var entry, out var error))
            {
                list.Add(entry);
            }
            else
            {
                errors.Add(error);
            }
        }

        return errors.Count > 0 ? throw new FormatException(string.Join("; ", errors)) : list.ToImmutable();
    }

    public static bool TryParseEntry(string? raw, out DnsLookupAllowEntry entry, out string error)
    {
        entry = null!;
        var text = raw?.Trim() ?? "";
        var bad = $"{Setting} entry '{raw}' is not an IP, IP:PORT or CIDR (e.g. 10.96.0.10, 10.0.0.2:5353, 10.0.0.0/24)";
        error = bad;
        if (text.Length == 0)
        {
            return false;
        }

        string host = text;
        int? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':') || !TryPort(rest[1..], out var p))
                {
                    error = PortError(raw, bad, rest.TrimStart(':'));
                    return false;
                }

                port = p;
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            if (!TryPort(text[(colon + 1)..], out var p))
            {
                error = PortError(raw, bad, text[(colon + 1)..]);
                return false;
            }

            port = p;
        }

        IPNetwork network;
        if (host.Contains('/', StringComparison.Ordinal))
        {
            if (!IPNetwork.TryParse(host, out network))
            {
                return false;
            }
        }
        else if (IPAddress.TryParse(host, out var address))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }
        else
        {
            return false;
        }

        entry = new DnsLookupAllowEntry(network, port);
        error = "";
        return true;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private static string PortError(string? raw, string bad, string port) =>
        $"{Setting} entry '{raw}': port '{port}' is not between 1 and 65535";
}
