using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;

namespace ClusterNet.Cli.Commands.Policy;

/// <summary>Truth tables in the style of the upstream e2e output: one per probe, rows = from, columns = to.</summary>
internal static class ReachTableWriter
{
    /// <param name="qualifier">The enforcement qualifier ("not enforced by this CNI (flannel)"), added to each legend when set.</param>
    public static void Write(TextWriter w, ReachAnswer answer, string? qualifier)
    {
        var froms = answer.Froms.Select(f => f.ToString()).ToList();
        var tos = answer.Tos.Select(t => t.ToString()).ToList();
        // Row labels padded to the longest source; each column as wide as its own header.
        var width = froms.Count == 0 ? 1 : froms.Max(s => s.Length) + 1;
        for (var p = 0; p < answer.Probes.Length; p++)
        {
            if (p > 0)
            {
                w.WriteLine();
            }

            w.WriteLine($"{answer.Probes[p]}  (rows: from, columns: to; {VerdictText.TruthTableLegend}{(qualifier is null ? "" : $"; {qualifier}")})");
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
                    var e = answer.Explain(f, t, p);
                    w.Write(VerdictText.TruthTableMark(e.Verdict, e.Allowed).PadRight(tos[t].Length + 1));
                }

                w.WriteLine();
            }
        }
    }
}
