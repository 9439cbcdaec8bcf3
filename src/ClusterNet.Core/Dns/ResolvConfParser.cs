using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Reads resolv.conf text. The C libraries silently skip what they don't understand; a troubleshooting tool should not,
/// so unknown keywords, missing addresses and bad option values are errors naming the line.
/// </summary>
public static class ResolvConfParser
{
    private static readonly HashSet<string> NumericOptions = new(StringComparer.Ordinal) { "ndots", "timeout", "attempts" };

    public static ResolvConf Parse(string text, string fileName = "resolv.conf")
    {
        var nameservers = ImmutableArray.CreateBuilder<string>();
        var search = ImmutableArray<string>.Empty;
        int? searchLength = null;
        var options = ImmutableArray.CreateBuilder<DnsOption>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var lineNo = i + 1;
            var content = raw.Trim();
            if (content.Length == 0 || content[0] is '#' or ';')
            {
                continue;
            }

            var words = content.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var keyword = words[0];
            var args = words.Skip(1).ToArray();
            switch (keyword)
            {
                case "nameserver":
                    if (args.Length != 1)
                    {
                        throw Error(fileName, lineNo, $"'nameserver' takes exactly one IP address, got {args.Length} word(s)");
                    }

                    // glibc accepts "addr%scope" for link-local IPv6; IPAddress.TryParse understands the same form.
                    if (!IPAddress.TryParse(args[0], out _))
                    {
                        throw Error(fileName, lineNo, $"'{args[0]}' is not an IP address (nameserver takes an address, not a host name)");
                    }

                    nameservers.Add(args[0]);
                    break;
                case "search":
                case "domain":
                    if (args.Length == 0)
                    {
                        throw Error(fileName, lineNo, $"'{keyword}' needs at least one domain");
                    }

                    foreach (var d in args)
                    {
                        ValidateDomain(fileName, lineNo, d);
                    }

                    // Both libraries let the last search/domain line win; domain names a single suffix.
                    search = keyword == "domain" ? [args[0].TrimEnd('.').ToLowerInvariant()] : [.. args.Select(a => a.TrimEnd('.').ToLowerInvariant())];
                    searchLength = raw.TrimEnd().Length;
                    break;
                case "options":
                    foreach (var o in args)
                    {
                        options.Add(ParseOption(fileName, lineNo, o));
                    }

                    break;
                case "sortlist":
                    break;
                default:
                    throw Error(fileName, lineNo, $"unknown keyword '{keyword}' (expected nameserver, search, domain, options or sortlist)");
            }
        }

        return new ResolvConf { Nameservers = nameservers.ToImmutable(), Search = search, Options = options.ToImmutable(), SearchLineLength = searchLength };
    }

    public static DnsOption ParseOption(string fileName, int lineNo, string word)
    {
        var colon = word.IndexOf(':');
        var name = colon < 0 ? word : word[..colon];
        var value = colon < 0 ? null : word[(colon + 1)..];
        if (name.Length == 0)
        {
            throw Error(fileName, lineNo, $"option '{word}' has no name");
        }

        if (NumericOptions.Contains(name))
        {
            if (value is null || !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw Error(fileName, lineNo, $"option '{name}' needs a whole number, as in {name}:2 (got '{word}')");
            }
        }

        return new DnsOption(name, value);
    }

    private static void ValidateDomain(string fileName, int lineNo, string domain)
    {
        var d = domain.TrimEnd('.');
        if (d.Length == 0 && domain == ".")
        {
            return;
        }

        if (d.Length == 0 || d.Contains("..", StringComparison.Ordinal) || d.StartsWith('.') || d.Length > 253)
        {
            throw Error(fileName, lineNo, $"'{domain}' is not a valid domain");
        }
    }

    private static ResolvConfFormatException Error(string fileName, int line, string message) => new($"{fileName}:{line}: {message}", line);
}
