using System.Globalization;

namespace ClusterNet.Core.Dns;

/// <summary>A C library version such as 2.36 or 1.2.3, compared numerically part by part.</summary>
public readonly record struct LibcVersion(int Major, int Minor, int Patch) : IComparable<LibcVersion>
{
    public static bool TryParse(string? text, out LibcVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var nums = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out nums[i]))
            {
                return false;
            }
        }

        version = new LibcVersion(nums[0], nums[1], nums[2]);
        return true;
    }

    public int CompareTo(LibcVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public static bool operator <(LibcVersion a, LibcVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(LibcVersion a, LibcVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(LibcVersion a, LibcVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(LibcVersion a, LibcVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => Patch == 0 && Major == 2 ? $"{Major}.{Minor}" : $"{Major}.{Minor}.{Patch}";
}
