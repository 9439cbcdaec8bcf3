namespace ClusterNet.Core.Dns;

/// <summary>Major.minor of a node's kernelVersion ("5.15.0-1034-azure" → 5.15), for the conntrack race check.</summary>
public static class KernelVersion
{
    public static (int Major, int Minor)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split('.', '-');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) ? (major, minor) : null;
    }

    /// <summary>The SNAT/DNAT conntrack insertion races that drop one of two parallel UDP replies were fixed in 5.0.</summary>
    public static bool HasConntrackRaceFixes(string? text) => Parse(text) is { } v && v.Major >= 5;
}
