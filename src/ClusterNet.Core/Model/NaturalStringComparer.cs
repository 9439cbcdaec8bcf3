namespace ClusterNet.Core.Model;

/// <summary>
/// Orders names the way people count: runs of digits compare by value, so "ns2" comes before "ns10" and "node9" before
/// "node10". Everything else compares ordinally (Kubernetes names are lower-case ASCII, and ordinal keeps "a/b" keys
/// stable). Equal numbers with different leading zeros fall back to ordinal ("pod01" before "pod1") so the order is total.
/// Used for namespaces, pods and nodes in pages and lists; JSON contracts keep their own documented order.
/// </summary>
public sealed class NaturalStringComparer : IComparer<string?>
{
    public static NaturalStringComparer Instance { get; } = new();

    private NaturalStringComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var c = CompareNumbers(x, ref i, y, ref j);
                if (c != 0)
                {
                    return c;
                }

                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        var length = (x.Length - i).CompareTo(y.Length - j);
        return length != 0 ? length : string.CompareOrdinal(x, y);
    }

    // Compares the digit runs at x[i..] and y[j..] by value without parsing (runs may exceed any integer type) and moves
    // both indexes past them.
    private static int CompareNumbers(string x, ref int i, string y, ref int j)
    {
        var xs = i;
        var ys = j;
        while (xs < x.Length && x[xs] == '0')
        {
            xs++;
        }

        while (ys < y.Length && y[ys] == '0')
        {
            ys++;
        }

        var xe = xs;
        var ye = ys;
        while (xe < x.Length && char.IsAsciiDigit(x[xe]))
        {
            xe++;
        }

        while (ye < y.Length && char.IsAsciiDigit(y[ye]))
        {
            ye++;
        }

        // Leading zeros skipped: the longer significant run is the bigger number.
        var c = (xe - xs).CompareTo(ye - ys);
        if (c == 0)
        {
            c = string.CompareOrdinal(x, xs, y, ys, xe - xs);
        }

        i = xe;
        j = ye;
        return c;
    }
}
