using System.Collections.Immutable;
using System.Text;
using ClusterNet.Core.ClientIp;

namespace ClusterNet.Web.ClientIp;

/// <summary>
/// Lays a route out like the notes' sketches: hops in a row, each arrow labelled with the source the next hop
/// sees, a SNAT mark where the source is replaced, headers a hop adds under its outgoing arrow. Pure and
/// deterministic, so tests check coordinates and labels without a browser.
/// </summary>
public static class ClientIpDiagramLayout
{
    public const double BoxWidth = 170;
    public const double BoxHeight = 70;
    public const double Gap = 150;
    public const double Margin = 12;
    public const double TopBand = 34;
    public const int LineChars = 22;

    public static ClientIpDiagram Build(ClientIpRoute route)
    {
        var boxes = new List<DiagramBox>();
        var arrows = new List<DiagramArrow>();
        var hops = route.Hops;
        var maxHeaders = 0;
        for (var i = 0; i < hops.Length; i++)
        {
            var hop = hops[i];
            var x = Margin + i * (BoxWidth + Gap);
            boxes.Add(new DiagramBox(hop.Id, Kebab(hop.Kind.ToString()), x, Margin + TopBand, BoxWidth, BoxHeight, Wrap(hop.Label, LineChars, 2), Shorten(hop.Address, LineChars + 4), hop.Conditional, hop.Snat));
            if (i > 0)
            {
                var prev = hops[i - 1];
                maxHeaders = Math.Max(maxHeaders, prev.AddsHeaders.Length);
                arrows.Add(new DiagramArrow(prev.Id, hop.Id, x - Gap, x, Margin + TopBand + BoxHeight / 2, ShortSource(hop.SeesSource), prev.Snat, prev.AddsHeaders));
            }
        }

        var width = Margin * 2 + Math.Max(1, hops.Length) * BoxWidth + Math.Max(0, hops.Length - 1) * Gap;
        var height = Margin * 2 + TopBand + BoxHeight + 18 + maxHeaders * 14;
        var snat = hops.Where(h => h.Snat).Select(h => h.Label).ToList();
        return new ClientIpDiagram(width, height, [.. boxes], [.. arrows])
        {
            Title = $"{route.Name}: " + string.Join(" → ", hops.Select(h => h.Label)),
            Description = (snat.Count == 0 ? "No hop replaces the source address. " : $"Source address replaced by: {string.Join(", ", snat)}. ")
                + $"The app sees {route.App.SocketRemoteAddress}.",
        };
    }

    /// <summary>An SVG coordinate: at most one decimal, invariant culture.</summary>
    public static string Number(double v) => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A header under an arrow, cut to fit the gap between boxes.</summary>
    public static string ShortHeader(string header) => header.Length <= 34 ? header : header[..33] + "…";

    /// <summary>Word wrap into at most <paramref name="maxLines"/> lines; the last line is cut with an ellipsis.</summary>
    public static ImmutableArray<string> Wrap(string text, int width, int maxLines)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        if (lines.Count > maxLines)
        {
            var rest = string.Join(' ', lines.Skip(maxLines - 1));
            lines = [.. lines.Take(maxLines - 1), Shorten(rest, width)!];
        }

        return [.. lines.Select(l => Shorten(l, width)!)];
    }

    /// <summary>The arrow label: who the next hop sees, in a few words ("client 203.0.113.7", "node address", "LB address").</summary>
    public static string ShortSource(string? seen)
    {
        if (seen is null)
        {
            return "";
        }

        var example = Example(seen);
        if (seen.StartsWith("client ", StringComparison.Ordinal))
        {
            return Shorten(seen, 30)!;
        }

        if (seen.Contains("client's address", StringComparison.Ordinal) || seen.Contains("client pod", StringComparison.Ordinal))
        {
            return seen.Contains("pod", StringComparison.Ordinal) ? "client pod IP" : example is null ? "client" : $"client {example}";
        }

        if (seen.Contains("node", StringComparison.Ordinal) && !seen.Contains("ingress", StringComparison.Ordinal))
        {
            return "node address";
        }

        if (seen.Contains("load balancer", StringComparison.Ordinal))
        {
            return "LB address";
        }

        if (seen.Contains("ingress-nginx", StringComparison.Ordinal))
        {
            return "ingress pod IP";
        }

        return Shorten(seen, 30)!;
    }

    private static string? Example(string text)
    {
        var i = text.IndexOf("(e.g. ", StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        var rest = text[(i + 6)..];
        var end = rest.IndexOfAny([')', ';']);
        return end < 0 ? rest : rest[..end];
    }

    private static string? Shorten(string? text, int width)
    {
        if (text is null)
        {
            return null;
        }

        var cut = text.IndexOf(" (", StringComparison.Ordinal);
        if (text.Length > width && cut > 0 && cut <= width)
        {
            text = text[..cut];
        }

        return text.Length <= width ? text : text[..(width - 1)] + "…";
    }

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
