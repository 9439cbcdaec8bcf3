using System.Net;

namespace ClusterNet.Web.Dns;

/// <summary>One piece of a sentence: text, or an IP address that must stay on one line.</summary>
public readonly record struct AddressRun(string Text, bool IsAddress);

/// <summary>
/// Splits a sentence into text and IP addresses, so the page can keep every address on one line (an IPv6 address
/// broken at a colon reads as two). Tokens are separated by spaces, commas and parentheses; a token that parses as an
/// address (with a trailing ":port" kept outside) is an address run.
/// </summary>
public static class AddressRuns
{
    private static readonly char[] Separators = [' ', ',', '(', ')', ';'];

    public static IReadOnlyList<AddressRun> Split(string? text)
    {
        var runs = new List<AddressRun>();
        if (string.IsNullOrEmpty(text))
        {
            return runs;
        }

        var plain = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (Array.IndexOf(Separators, text[i]) >= 0)
            {
                plain.Append(text[i++]);
                continue;
            }

            var end = text.IndexOfAny(Separators, i);
            var token = text[i..(end < 0 ? text.Length : end)];
            var core = token.TrimEnd('.', ':', ';');
            if (core.Count(c => c == ':') == 1 && core.Count(c => c == '.') == 3)
            {
                // a.b.c.d:port — the address without its port.
                core = core[..core.IndexOf(':', StringComparison.Ordinal)];
            }
            if (IsAddress(core))
            {
                Flush(plain, runs);
                runs.Add(new AddressRun(core, true));
                plain.Append(token[core.Length..]);
            }
            else
            {
                plain.Append(token);
            }

            i += token.Length;
        }

        Flush(plain, runs);
        return runs;
    }

    private static bool IsAddress(string token) =>
        token.Length >= 7 && (token.Contains(':', StringComparison.Ordinal) || token.Count(c => c == '.') == 3) && IPAddress.TryParse(token, out _);

    private static void Flush(System.Text.StringBuilder plain, List<AddressRun> runs)
    {
        if (plain.Length > 0)
        {
            runs.Add(new AddressRun(plain.ToString(), false));
            plain.Clear();
        }
    }
}
