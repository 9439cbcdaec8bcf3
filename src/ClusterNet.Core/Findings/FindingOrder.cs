namespace ClusterNet.Core.Findings;

/// <summary>The one sort of findings everywhere: severity (worst first), then impact, then code and subject (stable).</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var c = y.Severity.CompareTo(x.Severity);
        if (c == 0)
        {
            c = y.Impact.CompareTo(x.Impact);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Code, y.Code);
        }

        return c != 0 ? c : string.CompareOrdinal(x.Subject, y.Subject);
    }

    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) => [.. findings.Order(Instance)];
}
