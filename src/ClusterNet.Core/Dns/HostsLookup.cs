using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// What each library finds in /etc/hosts before it asks DNS.
/// - glibc (nss "files", with nsswitch.conf "hosts: files dns" as Debian-based images ship): names match
///   case-insensitively; AF_UNSPEC takes every matching line of both families, AF_INET only IPv4 lines, AF_INET6 only
///   IPv6 lines. No address of the asked family means "not found", and DNS is asked next.
/// - musl (lookup_name.c name_from_hosts): names match case-sensitively; a matching line of the other family makes
///   the lookup fail without DNS: EAI_NONAME up to 1.2.3, EAI_NODATA from 1.2.4.
/// Neither strips a trailing dot before reading the file, so "localhost." goes to DNS.
/// </summary>
internal static class HostsLookup
{
    /// <summary>Addresses found (not null = done without DNS), or an error that ends the lookup, or neither.</summary>
    public sealed record Match(ImmutableArray<string>? Addresses, string? Error, string Reason);

    public static Match? Find(HostsFile hosts, LibcProfile libc, string name, LookupFamily family)
    {
        var comparison = libc.IsGlibc ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var addresses = new List<string>();
        var otherFamily = false;
        foreach (var entry in hosts.Entries)
        {
            if (!entry.Names.Any(n => string.Equals(n, name, comparison)))
            {
                continue;
            }

            var v6 = HostsFile.IsIpv6(entry.Address);
            var wanted = family switch
            {
                LookupFamily.Inet => !v6,
                LookupFamily.Inet6 => v6,
                _ => true,
            };
            if (wanted)
            {
                addresses.Add(HostsFile.Canonical(entry.Address));
            }
            else
            {
                otherFamily = true;
            }
        }

        if (addresses.Count > 0)
        {
            var assumption = libc.IsGlibc ? " (assuming nsswitch.conf \"hosts: files dns\", as Debian-based images ship)" : "";
            return new Match([.. addresses.Distinct(StringComparer.Ordinal)], null, $"'{name}' is in /etc/hosts ({hosts.Source}): getaddrinfo answers from the file and sends no query{assumption}");
        }

        if (otherFamily && libc.IsMusl)
        {
            var error = libc.MuslNoDataError;
            return new Match(null, error, $"'{name}' is in /etc/hosts ({hosts.Source}) only with the other address family: musl stops there with {error} and sends no query");
        }

        return null;
    }
}
