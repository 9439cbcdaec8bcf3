namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// One raw request header line. <see cref="RawValue"/> is everything after the first colon, untrimmed:
/// nginx strips only spaces around a value, Kestrel strips spaces and tabs, so trimming belongs to each decoder.
/// </summary>
public sealed record HeaderLine(string Name, string RawValue)
{
    /// <summary>Parses "Name: value". The name must be an HTTP token (no spaces, no separators).</summary>
    public static bool TryParse(string line, out HeaderLine? header, out string error)
    {
        header = null;
        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            error = $"'{line}' is not a header line: expected 'Name: value'";
            return false;
        }

        var name = line[..colon];
        foreach (var c in name)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c))
            {
                error = $"'{name}' is not a valid header name (character '{c}' is not allowed)";
                return false;
            }
        }

        if (line.IndexOfAny(['\r', '\n']) >= 0)
        {
            error = $"header line for '{name}' contains a line break";
            return false;
        }

        header = new HeaderLine(name, line[(colon + 1)..]);
        error = "";
        return true;
    }

    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as nginx stores it: leading and trailing spaces removed (tabs kept).</summary>
    public string NginxValue => RawValue.Trim(' ');

    /// <summary>The value as Kestrel stores it: leading and trailing spaces and tabs removed.</summary>
    public string KestrelValue => RawValue.Trim(' ', '\t');

    public override string ToString() => $"{Name}:{RawValue}";
}
