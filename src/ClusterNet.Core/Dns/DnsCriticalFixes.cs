using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The patches of the critical DNS findings (every critical finding has one): a spec the API server accepts for
/// api-invalid-dnsconfig, musl's retry options and a glibc image for musl-conntrack-race, a NetworkPolicy for
/// egress-blocks-nodelocal-dns.
/// </summary>
internal static partial class DnsCriticalFixes
{
    private static readonly string[] Policies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];

    /// <summary>The nearest dnsPolicy/dnsConfig the API server accepts: invalid entries dropped, lists within the limits.</summary>
    public static FindingFix ValidDnsConfig(DnsWorkloadRef owner, PodInfo pod, ClusterDnsInfo cluster, DnsClusterSettings settings)
    {
        var changes = new List<string>();
        var current = pod.DnsConfig ?? new PodDnsConfig();
        string? policy = null;
        var written = string.IsNullOrEmpty(pod.DnsPolicy) ? "ClusterFirst" : pod.DnsPolicy;
        if (!Policies.Contains(written, StringComparer.Ordinal))
        {
            policy = "ClusterFirst";
            changes.Add($"dnsPolicy {written} → ClusterFirst");
        }

        var nameservers = current.Nameservers.Where(n => IPAddress.TryParse(n, out _)).Distinct(StringComparer.Ordinal).ToList();
        if (nameservers.Count < current.Nameservers.Length)
        {
            changes.Add($"drops the nameservers that are not IP addresses ({string.Join(", ", current.Nameservers.Where(n => !IPAddress.TryParse(n, out _)))})");
        }

        if (nameservers.Count > ResolverSettings.MaxNameservers)
        {
            changes.Add($"keeps the first {ResolverSettings.MaxNameservers} nameservers, drops {string.Join(", ", nameservers.Skip(ResolverSettings.MaxNameservers))}");
            nameservers = [.. nameservers.Take(ResolverSettings.MaxNameservers)];
        }

        if ((policy ?? written) == "None" && nameservers.Count == 0)
        {
            var dns = settings.ClusterDnsOverride.IsDefaultOrEmpty ? cluster.PodNameserver : settings.ClusterDnsOverride[0];
            if (dns is not null)
            {
                nameservers.Add(dns);
                changes.Add($"dnsPolicy None needs a nameserver: adds the cluster DNS {dns}");
            }
            else
            {
                policy = "ClusterFirst";
                changes.Add("dnsPolicy None without a nameserver, and no cluster DNS address known: dnsPolicy → ClusterFirst");
            }
        }

        var searches = new List<string>();
        var chars = 0;
        foreach (var s in current.Searches)
        {
            var add = (searches.Count == 0 ? 0 : 1) + s.Length;
            if (s.TrimEnd('.').Length is 0 or > 253)
            {
                changes.Add($"drops the invalid search domain '{s}'");
            }
            else if (searches.Count == settings.MaxSearchDomains || chars + add > settings.MaxSearchChars)
            {
                changes.Add($"drops the search domain {s} (past {settings.MaxSearchDomains} domains / {settings.MaxSearchChars} characters)");
            }
            else
            {
                searches.Add(s);
                chars += add;
            }
        }

        var options = current.Options.Where(o => !string.IsNullOrEmpty(o.Name)).ToList();
        if (options.Count < current.Options.Length)
        {
            changes.Add("drops the options without a name");
        }

        var config = new PodDnsConfig { Nameservers = [.. nameservers], Searches = [.. searches], Options = [.. options] };
        var tradeOff = $"The API server accepts this spec: it {string.Join("; ", changes.DefaultIfEmpty("keeps the valid entries"))}. What was dropped was never in effect: the pod could not be created with it.";
        return DnsPatchBuilder.DnsConfig(owner, policy, config, tradeOff);
    }

    /// <summary>
    /// musl resends an unanswered query every timeout/attempts seconds (attempts up to 10): more attempts make a lost
    /// reply cheap and a failed lookup rare. It softens the race; NodeLocal DNSCache or a glibc image removes it.
    /// </summary>
    public static FindingFix MuslRetries(DnsWorkloadRef owner, PodDnsConfig? current, ResolvConf conf)
    {
        var before = ResolverSettings.From(conf, LibcProfile.Musl);
        var attempts = Math.Clamp((int)Math.Ceiling((double)before.Timeout), 2, 10);
        if (attempts <= before.Attempts)
        {
            attempts = Math.Min(10, before.Attempts + 1);
        }

        var options = new List<DnsOption>((current?.Options ?? []).Where(o => o.Name != "attempts"))
        {
            new("attempts", attempts.ToString(CultureInfo.InvariantCulture)),
        };
        var tradeOff = $"musl resends an unanswered query every timeout/attempts seconds: with attempts:{attempts} a lost reply costs {Seconds(before.Timeout, attempts)} s instead of {Seconds(before.Timeout, before.Attempts)} s, "
            + $"and the lookup fails with EAI_AGAIN only when {attempts} sends in a row are lost. This softens the conntrack race, it does not remove it: NodeLocal DNSCache or a glibc image does. "
            + $"glibc containers in the same pod would also try each nameserver {attempts} times (a longer wait when a server is down).";
        return DnsPatchBuilder.Options(owner, options, tradeOff);
    }

    /// <summary>The same image on glibc when its tag names an Alpine variant (php:7.4-fpm-alpine → php:7.4-fpm); null otherwise.</summary>
    public static FindingFix? GlibcImage(DnsWorkloadRef owner, PodInfo pod, DnsPodProfile profile)
    {
        var swaps = profile.Containers
            .Where(c => c.Libc.Libc == LibcKind.Musl && !c.Libc.Static)
            .Select(c => (c.Container, c.Libc.Image, Glibc: GlibcVariant(c.Libc.Image)))
            .Where(s => s.Glibc is not null)
            .ToList();
        if (swaps.Count == 0 || owner.Kind == "ReplicaSet")
        {
            return null;
        }

        var isPod = owner.Kind == "Pod";
        var indent = isPod ? "" : "    ";
        var yaml = new System.Text.StringBuilder(isPod ? "" : "spec:\n  template:\n");
        yaml.Append(indent).Append("spec:\n").Append(indent).Append("  containers:\n");
        foreach (var (container, _, glibc) in swaps)
        {
            yaml.Append(indent).Append("  - name: ").Append(container).Append('\n');
            yaml.Append(indent).Append("    image: ").Append(glibc).Append('\n');
        }

        return new FindingFix
        {
            Title = "glibc image",
            Target = owner.ToString(),
            Patch = yaml.ToString(),
            Command = $"kubectl -n {owner.Namespace} set image {owner.Resource}/{owner.Name} {string.Join(' ', swaps.Select(s => $"{s.Container}={s.Glibc}"))}",
            TradeOffs =
            [
                $"{string.Join(", ", swaps.Select(s => $"{s.Image} → {s.Glibc}"))}: glibc resends A and AAAA one after the other after a loss, so the race costs a retry instead of a failed lookup.",
                "Debian-based images are larger; check that the application and its native extensions work on the glibc variant before rolling it out.",
            ],
        };
    }

    /// <summary>The Alpine-free tag of an image ("node:18-alpine" → "node:18"); null when the image is not an Alpine variant of another.</summary>
    internal static string? GlibcVariant(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var reference = at >= 0 ? image[..at] : image;
        var colon = reference.LastIndexOf(':');
        if (colon < 0 || colon < reference.LastIndexOf('/'))
        {
            return null;
        }

        var repo = reference[..colon];
        var tag = reference[(colon + 1)..];
        if (repo.EndsWith("alpine", StringComparison.Ordinal) || !AlpineTag().IsMatch(tag))
        {
            return null;
        }

        var glibcTag = AlpineTag().Replace(tag, "").Trim('-');
        return $"{repo}:{(glibcTag.Length == 0 ? "latest" : glibcTag)}";
    }

    /// <summary>A NetworkPolicy that admits DNS from every pod of the namespace to every address the pods use with NodeLocal DNSCache.</summary>
    public static FindingFix EgressToNodeLocal(string ns, IEnumerable<string> addresses, string yaml) => new()
    {
        Title = "NetworkPolicy to NodeLocal DNSCache",
        Target = $"NetworkPolicy {ns}/allow-node-local-dns",
        Patch = yaml,
        Command = $"kubectl apply -f - <<'EOF'\n{yaml}\nEOF",
        TradeOffs = [$"Every pod in {ns} may send DNS (UDP and TCP 53) to {string.Join(", ", addresses.Select(a => a + "/32"))}, nothing else; keep the rule to the kube-dns pods, the path when NodeLocal DNSCache is down."],
    };

    private static string Seconds(int timeout, int attempts) => (timeout / (double)attempts).ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-?alpine[0-9.]*")]
    private static partial Regex AlpineTag();
}
