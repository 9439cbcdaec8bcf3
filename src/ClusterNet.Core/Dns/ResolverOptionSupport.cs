namespace ClusterNet.Core.Dns;

/// <summary>
/// Which resolv.conf options each C library reads. musl parses only ndots, timeout and attempts (src/network/resolvconf.c);
/// glibc's list is resolv.conf(5), with the version that added each option.
/// </summary>
public static class ResolverOptionSupport
{
    private static readonly Dictionary<string, (LibcVersion Since, string What)> Glibc = new(StringComparer.Ordinal)
    {
        ["ndots"] = (new(2, 0, 0), "dots before a name is tried as is first"),
        ["timeout"] = (new(2, 0, 0), "seconds to wait for a reply (max 30)"),
        ["attempts"] = (new(2, 0, 0), "rounds over the nameserver list (max 5)"),
        ["rotate"] = (new(2, 0, 0), "start at a random nameserver for each query"),
        ["debug"] = (new(2, 0, 0), "resolver debugging"),
        ["no-check-names"] = (new(2, 0, 0), "accept names with unusual characters"),
        ["inet6"] = (new(2, 0, 0), "AAAA first (deprecated)"),
        ["edns0"] = (new(2, 6, 0), "EDNS0, 1200-byte UDP replies"),
        ["single-request-reopen"] = (new(2, 9, 0), "A and AAAA one after the other, each on a new socket"),
        ["single-request"] = (new(2, 10, 0), "A and AAAA one after the other on one socket"),
        ["no-tld-query"] = (new(2, 14, 0), "never query a single-label name as is"),
        ["use-vc"] = (new(2, 14, 0), "TCP for every query"),
        ["no-reload"] = (new(2, 26, 0), "don't reload resolv.conf when it changes"),
        ["trust-ad"] = (new(2, 31, 0), "pass the AD bit"),
        ["no-aaaa"] = (new(2, 36, 0), "never send AAAA queries"),
    };

    private static readonly HashSet<string> Musl = new(StringComparer.Ordinal) { "ndots", "timeout", "attempts" };

    public static OptionVerdict Judge(LibcProfile libc, string option)
    {
        if (libc.IsMusl)
        {
            return Musl.Contains(option)
                ? new OptionVerdict(option, true, "musl reads it")
                : new OptionVerdict(option, false, $"musl reads only ndots, timeout and attempts; '{option}' is ignored");
        }

        if (!Glibc.TryGetValue(option, out var entry))
        {
            return new OptionVerdict(option, false, $"glibc does not know '{option}' and ignores it");
        }

        return libc.Version >= entry.Since
            ? new OptionVerdict(option, true, $"glibc {entry.Since}+: {entry.What}")
            : new OptionVerdict(option, false, $"'{option}' needs glibc {entry.Since} or newer ({entry.What}); glibc {libc.Version} ignores it");
    }

    public static IReadOnlyCollection<string> GlibcOptions => Glibc.Keys;
}
