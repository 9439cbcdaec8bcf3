namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// IHeaderDictionary.GetCommaSeparatedValues without ASP.NET: every line split on commas outside double quotes,
/// each segment trimmed of whitespace (inner whitespace kept: "1.2.3.4 5.6.7.8" stays one value), surrounding
/// quotes removed, empty values dropped. An unterminated quote runs to the end of its line.
/// </summary>
public static class AspNetHeaderSplitter
{
    public static List<string> Split(IEnumerable<string> lines) => Split(lines, dequote: true);

    /// <summary>The same segments with their quotes kept, for showing what was actually sent.</summary>
    internal static List<string> SplitKeepingQuotes(IEnumerable<string> lines) => Split(lines, dequote: false);

    private static List<string> Split(IEnumerable<string> lines, bool dequote)
    {
        var result = new List<string>();
        foreach (var line in lines)
        {
            var start = 0;
            var inQuotes = false;
            for (var i = 0; i <= line.Length; i++)
            {
                var end = i == line.Length;
                if (!end && line[i] == '"')
                {
                    inQuotes = !inQuotes;
                    continue;
                }

                if (end || (line[i] == ',' && !inQuotes))
                {
                    Add(result, line[start..i], dequote);
                    start = i + 1;
                }
            }
        }

        return result;
    }

    private static void Add(List<string> result, string segment, bool dequote)
    {
        var value = segment.Trim(WhiteSpace);
        if (dequote && value.Length > 1 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (value.Length > 0)
        {
            result.Add(value);
        }
    }

    // char.IsWhiteSpace is what the ASP.NET segment scanner uses.
    private static readonly char[] WhiteSpace = [.. Enumerable.Range(0, 0x3000 + 1).Select(i => (char)i).Where(char.IsWhiteSpace)];
}
