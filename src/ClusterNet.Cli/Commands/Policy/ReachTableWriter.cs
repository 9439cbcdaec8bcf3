using ClusterNet.Core.Policy;

namespace ClusterNet.Cli.Commands.Policy;

/// <summary>Truth tables in the style of the upstream e2e output: one per probe, rows = from, columns = to.</summary>
internal static class ReachTableWriter
{
    public static void Write(TextWriter w, IReadOnlyList<string> froms, IReadOnlyList<string> tos, IReadOnlyList<ReachProbe> probes, Func<int, int, int, ReachExplanation> cell)
    {
        // Row labels padded to the longest source; each column as wide as its own header.
        var width = froms.Count == 0 ? 1 : froms.Max(s => s.Length) + 1;
        for (var p = 0; p < probes.Count; p++)
        {
            if (p > 0)
            {
                w.WriteLine();
            }

            w.WriteLine($"{probes[p]}  (rows: from, columns: to; . allowed, X denied, ~ allowed but implementation-defined, ? denied but implementation-defined)");
            w.Write(new string(' ', width));
            foreach (var t in tos)
            {
                w.Write(t + " ");
            }

            w.WriteLine();
            for (var f = 0; f < froms.Count; f++)
            {
                w.Write(froms[f].PadRight(width));
                for (var t = 0; t < tos.Count; t++)
                {
                    var e = cell(f, t, p);
                    var mark = e.Verdict == ReachVerdict.DependsOnImplementation ? (e.Allowed ? "~" : "?") : e.Allowed ? "." : "X";
                    w.Write(mark.PadRight(tos[t].Length + 1));
                }

                w.WriteLine();
            }
        }
    }
}
