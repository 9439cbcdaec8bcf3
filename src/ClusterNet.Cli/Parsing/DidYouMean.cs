namespace ClusterNet.Cli.Parsing;

/// <summary>Suggestions for a mistyped command or flag: the known words within a small edit distance (typo or swap).</summary>
public static class DidYouMean
{
    public static IReadOnlyList<string> Suggest(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var bare = typed.TrimStart('-');
        var limit = bare.Length <= 3 ? 1 : 2;
        return [.. known
            .Distinct(StringComparer.Ordinal)
            .Select(k => (Word: k, Distance: Distance(bare, k.TrimStart('-'))))
            .Where(x => x.Distance <= limit || (bare.Length >= 3 && x.Word.TrimStart('-').StartsWith(bare, StringComparison.Ordinal)))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Word, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Word)];
    }

    /// <summary>"did you mean --from?" / "did you mean one of: a, b?", or null without a suggestion.</summary>
    public static string? Line(string typed, IEnumerable<string> known)
    {
        var s = Suggest(typed, known);
        return s.Count switch
        {
            0 => null,
            1 => $"did you mean {s[0]}?",
            _ => $"did you mean one of: {string.Join(", ", s)}?",
        };
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
