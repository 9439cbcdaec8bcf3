
namespace ClusterNet.Core.Policy;

/// <summary>The verdict-first sentence above the namespace matrix, e.g. "3 of 36 namespace pairs have denied traffic on TCP 80".</summary>
public sealed record MatrixSummary(string Text, int DeniedPairs, int NamespacePairs, IReadOnlyList<(int From, int To)> MostDenied)
{
    /// <summary>How many of the worst namespace pairs the page lists under the sentence.</summary>
    public const int MostDeniedCount = 8;

    public static readonly MatrixSummary Empty = new("", 0, 0, []);

    public static MatrixSummary Of(NamespaceMatrix matrix)
    {
        int pairs = 0, denied = 0, depends = 0;
        var worst = new List<(int From, int To, long Denied)>();
        long podPairs = 0, deniedPods = 0;
        for (var a = 0; a < matrix.Namespaces.Length; a++)
        {
            for (var b = 0; b < matrix.Namespaces.Length; b++)
            {
                var cell = matrix[a, b];
                if (cell.Pairs == 0)
                {
                    continue;
                }

                pairs++;
                podPairs += cell.Pairs;
                deniedPods += cell.Denied;
                denied += cell.Denied > 0 ? 1 : 0;
                if (cell.Denied > 0)
                {
                    worst.Add((a, b, cell.Denied));
                }

                depends += cell.DependsOnImplementation > 0 ? 1 : 0;
            }
        }

        var probe = $"{matrix.Probe.Protocol} {matrix.Probe.Port}";
        var text = denied == 0
            ? $"No traffic is denied on {probe}: every pod reaches every pod in all {pairs} namespace pairs."
            : $"{denied} of {pairs} namespace pairs have denied traffic on {probe} ({deniedPods:N0} of {podPairs:N0} pod pairs denied).";
        if (depends > 0)
        {
            text += $" {depends} namespace pair{(depends == 1 ? " has" : "s have")} implementation-defined verdicts (ipBlock on pod IPs or hostNetwork pods).";
        }

        var mostDenied = worst.OrderByDescending(w => w.Denied).ThenBy(w => w.From).ThenBy(w => w.To)
            .Take(MostDeniedCount).Select(w => (w.From, w.To)).ToList();
        return new MatrixSummary(text, denied, pairs, mostDenied);
    }
}
