using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The /etc/hosts both libraries read before DNS. Text is the file as given (or as kubelet writes it); Entries are its
/// parsed lines. <see cref="KubeletDefault"/> is what every pod has even when nothing else is known: kubelet's localhost
/// lines.
/// </summary>
public sealed record HostsFile
{
    public ImmutableArray<HostsEntry> Entries { get; init; } = [];
    public string Text { get; init; } = "";
    /// <summary>Where the file came from, for notes: "kubelet's default", "--hosts FILE", "pod ns/name".</summary>
    public string Source { get; init; } = "";

    public static HostsFile Empty { get; } = new() { Source = "empty" };

    /// <summary>kubelet's managed hosts file before the pod's own lines (pkg/kubelet/kubelet_pods.go).</summary>
    public static HostsFile KubeletDefault { get; } = Parse(PodHostsFileBuilder.Header + PodHostsFileBuilder.LocalhostLines, "kubelet's localhost lines");

    /// <summary>
    /// Parses hosts(5): '#' starts a comment, the first field is an address, the rest are names. Lines whose first field
    /// is not an IP address are kept out of Entries (both libraries skip them).
    /// </summary>
    public static HostsFile Parse(string text, string source = "hosts")
    {
        var entries = ImmutableArray.CreateBuilder<HostsEntry>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var fields = line.Split([' ', '\t', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !IPAddress.TryParse(fields[0], out _))
            {
                continue;
            }

            entries.Add(new HostsEntry(fields[0], [.. fields.Skip(1)]));
        }

        return new HostsFile { Entries = entries.ToImmutable(), Text = text, Source = source };
    }

    internal static bool IsIpv6(string address) => IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    internal static string Canonical(string address) => IPAddress.TryParse(address, out var ip) ? ip.ToString() : address;
}
