using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

internal static class MapEquality
{
    public static bool Equal(ImmutableSortedDictionary<string, string> a, ImmutableSortedDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        // Both maps are sorted by the same ordinal comparer, so a lockstep walk compares them without lookups.
        using var x = a.GetEnumerator();
        using var y = b.GetEnumerator();
        while (x.MoveNext() && y.MoveNext())
        {
            if (!string.Equals(x.Current.Key, y.Current.Key, StringComparison.Ordinal) || !string.Equals(x.Current.Value, y.Current.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
