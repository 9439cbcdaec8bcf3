using System.Collections.Immutable;
using System.Globalization;

namespace ClusterNet.Core.Dns;

/// <summary>
/// What one C library actually uses from a resolv.conf: at most 3 nameservers, the search list after the library's caps,
/// clamped ndots/timeout/attempts and the option flags it honours. Notes say what was dropped and why.
/// </summary>
public sealed record ResolverSettings
{
    public const int MaxNameservers = 3;

    public required LibcProfile Libc { get; init; }
    public ImmutableArray<string> Nameservers { get; init; } = [];
    public ImmutableArray<string> Search { get; init; } = [];
    public int Ndots { get; init; } = 1;
    public int Timeout { get; init; } = 5;
    public int Attempts { get; init; } = 2;
    public bool Rotate { get; init; }
    public bool SingleRequest { get; init; }
    public bool SingleRequestReopen { get; init; }
    public bool UseVc { get; init; }
    public bool Edns0 { get; init; }
    public bool NoAaaa { get; init; }
    public bool NoTldQuery { get; init; }
    public ImmutableArray<OptionVerdict> Options { get; init; } = [];
    public ImmutableArray<string> Notes { get; init; } = [];

    public static ResolverSettings From(ResolvConf conf, LibcProfile libc)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        var servers = conf.Nameservers;
        if (servers.Length > MaxNameservers)
        {
            notes.Add($"only the first {MaxNameservers} nameservers are used; {string.Join(", ", servers.Skip(MaxNameservers))} ignored");
            servers = [.. servers.Take(MaxNameservers)];
        }

        if (servers.IsEmpty)
        {
            // Both libraries fall back to the local host when resolv.conf names no server.
            servers = ["127.0.0.1"];
            notes.Add("no nameserver line: both libraries use 127.0.0.1");
        }

        var search = conf.Search;
        if (!libc.SupportsSearch && !search.IsEmpty)
        {
            notes.Add($"musl {libc.Version} predates search-domain support (1.1.13): the search line is ignored");
            search = [];
        }

        if (libc.MaxSearchLineLength is { } maxLine && conf.EffectiveSearchLineLength > maxLine)
        {
            notes.Add($"the search line is {conf.EffectiveSearchLineLength} characters; musl skips lines of 255 or more, so no search domain is used");
            search = [];
        }

        if (libc.MaxSearchDomains is { } maxDomains)
        {
            var kept = new List<string>();
            var chars = 0;
            foreach (var d in search)
            {
                if (kept.Count == maxDomains || chars + d.Length + 1 > libc.MaxSearchChars)
                {
                    break;
                }

                kept.Add(d);
                chars += d.Length + 1;
            }

            if (kept.Count < search.Length)
            {
                notes.Add($"glibc {libc.Version} keeps at most {maxDomains} search domains and 256 characters (limit lifted in 2.26): {string.Join(", ", search.Skip(kept.Count))} dropped");
                search = [.. kept];
            }
        }

        var verdicts = ImmutableArray.CreateBuilder<OptionVerdict>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in conf.Options.Reverse())
        {
            if (seen.Add(o.Name))
            {
                verdicts.Insert(0, ResolverOptionSupport.Judge(libc, o.Name));
            }
        }

        bool Honoured(string name) => conf.HasOption(name) && ResolverOptionSupport.Judge(libc, name).Honoured;

        int Number(string name, int fallback, int max)
        {
            var v = conf.OptionValue(name);
            if (v is null || !int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return fallback;
            }

            if (n > max)
            {
                notes.Add($"{name}:{n} is capped at {max} by {libc.Name}");
                return max;
            }

            return n;
        }

        var isGlibc = libc.IsGlibc;
        var timeout = Number("timeout", 5, isGlibc ? 30 : 60);
        var attempts = Number("attempts", 2, isGlibc ? 5 : 10);
        return new ResolverSettings
        {
            Libc = libc,
            Nameservers = servers,
            Search = search,
            Ndots = Number("ndots", 1, 15),
            // A zero timeout or attempts would never send: both libraries treat it as 1.
            Timeout = Math.Max(1, timeout),
            Attempts = Math.Max(1, attempts),
            Rotate = Honoured("rotate"),
            SingleRequest = Honoured("single-request"),
            SingleRequestReopen = Honoured("single-request-reopen"),
            UseVc = Honoured("use-vc"),
            Edns0 = Honoured("edns0"),
            NoAaaa = Honoured("no-aaaa"),
            NoTldQuery = Honoured("no-tld-query"),
            Options = verdicts.ToImmutable(),
            Notes = notes.ToImmutable(),
        };
    }
}
