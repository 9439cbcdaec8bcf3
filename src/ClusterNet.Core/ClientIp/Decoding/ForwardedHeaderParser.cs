using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// RFC 7239 Forwarded parsing, for display and warnings only: neither nginx's realip module nor ASP.NET's
/// ForwardedHeadersMiddleware reads this header. Node names: IPv4, "[IPv6]" (must be quoted), "unknown",
/// or an obfuscated identifier "_xyz"; ports may be obfuscated too.
/// </summary>
public static class ForwardedHeaderParser
{
    public static List<ForwardedElement> Parse(IEnumerable<string> lines)
    {
        var result = new List<ForwardedElement>();
        foreach (var line in lines)
        {
            foreach (var element in SplitOutsideQuotes(line, ','))
            {
                if (element.Trim().Length > 0)
                {
                    result.Add(ParseElement(element.Trim()));
                }
            }
        }

        return result;
    }

    private static ForwardedElement ParseElement(string raw)
    {
        string? forRaw = null, by = null, proto = null, host = null, error = null;
        var forQuoted = false;
        foreach (var pair in SplitOutsideQuotes(raw, ';'))
        {
            var p = pair.Trim();
            if (p.Length == 0)
            {
                continue;
            }

            var eq = p.IndexOf('=');
            if (eq <= 0)
            {
                error ??= $"\"{p}\" is not a name=value pair";
                continue;
            }

            var key = p[..eq].Trim().ToLowerInvariant();
            var valueText = p[(eq + 1)..].Trim();
            var quoted = valueText.Length >= 2 && valueText[0] == '"' && valueText[^1] == '"';
            var value = quoted ? Unquote(valueText) : valueText;
            switch (key)
            {
                case "for":
                    forRaw = value;
                    forQuoted = quoted;
                    break;
                case "by":
                    by = value;
                    break;
                case "proto":
                    proto = value;
                    break;
                case "host":
                    host = value;
                    break;
            }
        }

        if (forRaw is null)
        {
            return new ForwardedElement(raw, null, ForwardedNodeKind.None, null, null, by, proto, host, error);
        }

        var (kind, address, port, nodeError) = ParseNode(forRaw, forQuoted);
        return new ForwardedElement(raw, forRaw, kind, address, port, by, proto, host, error ?? nodeError);
    }

    private static (ForwardedNodeKind Kind, string? Address, string? Port, string? Error) ParseNode(string node, bool quoted)
    {
        if (string.Equals(node, "unknown", StringComparison.OrdinalIgnoreCase))
        {
            return (ForwardedNodeKind.Unknown, null, null, null);
        }

        string name = node;
        string? port = null;
        if (node.StartsWith('['))
        {
            var close = node.IndexOf(']');
            if (close < 0)
            {
                return (ForwardedNodeKind.Invalid, null, null, $"for={node}: missing ']'");
            }

            name = node[1..close];
            if (close + 1 < node.Length)
            {
                if (node[close + 1] != ':')
                {
                    return (ForwardedNodeKind.Invalid, null, null, $"for={node}: unexpected text after ']'");
                }

                port = node[(close + 2)..];
            }

            if (!IPAddress.TryParse(name, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return (ForwardedNodeKind.Invalid, null, port, $"for={node}: \"{name}\" is not an IPv6 address");
            }

            return (ForwardedNodeKind.Ipv6, v6.ToString(), port, quoted ? null : $"for={node}: an IPv6 node must be a quoted string (RFC 7239 §6)");
        }

        var colon = node.IndexOf(':');
        if (colon >= 0)
        {
            if (node.IndexOf(':', colon + 1) >= 0)
            {
                return (ForwardedNodeKind.Invalid, null, null, $"for={node}: IPv6 addresses must be written \"[...]\" in Forwarded");
            }

            name = node[..colon];
            port = node[(colon + 1)..];
        }

        if (port is not null && !(port.Length > 0 && (port.All(char.IsAsciiDigit) || IsObfuscated(port))))
        {
            return (ForwardedNodeKind.Invalid, null, port, $"for={node}: \"{port}\" is neither a port nor an obfuscated port");
        }

        if (IsObfuscated(name))
        {
            return (ForwardedNodeKind.Obfuscated, null, port, null);
        }

        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork)
        {
            return (ForwardedNodeKind.Ipv4, v4.ToString(), port, null);
        }

        return (ForwardedNodeKind.Invalid, null, port, $"for={node}: not an IPv4 address, \"[IPv6]\", \"unknown\" or an \"_obfuscated\" identifier");
    }

    private static bool IsObfuscated(string s) =>
        s.Length > 1 && s[0] == '_' && s.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string Unquote(string quoted)
    {
        var sb = new StringBuilder();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length - 1)
            {
                i++;
            }

            sb.Append(quoted[i]);
        }

        return sb.ToString();
    }

    private static IEnumerable<string> SplitOutsideQuotes(string text, char separator)
    {
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && inQuotes)
            {
                i++;
                continue;
            }

            if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (text[i] == separator && !inQuotes)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
