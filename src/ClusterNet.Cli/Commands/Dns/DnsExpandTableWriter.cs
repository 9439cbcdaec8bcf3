using System.Globalization;
using ClusterNet.Core.Dns;

namespace ClusterNet.Cli.Commands.Dns;

/// <summary>The query ladder as a text table, then the verdict and the worst-case wait.</summary>
public static class DnsExpandTableWriter
{
    public static void Write(ExpansionResult r, TextWriter w)
    {
        var rows = r.Queries.Select((q, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            q.AtSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s",
            q.Server,
            q.Transport,
            q.Qtype,
            q.Qname,
            q.Reply.Describe(),
            q.Why ?? "",
        }).ToList();
        string[] header = ["#", "at", "server", "proto", "type", "name", "reply", "why"];
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(row => row[c].Length))).ToArray();
        w.WriteLine(string.Join("  ", header.Select((h, c) => h.PadRight(widths[c]))).TrimEnd());
        foreach (var row in rows)
        {
            w.WriteLine(string.Join("  ", row.Select((v, c) => v.PadRight(widths[c]))).TrimEnd());
        }

        w.WriteLine();
        var libc = r.Request.Libc;
        w.WriteLine(r.Result.Ok
            ? $"{libc}: {r.Request.Name} → {string.Join(", ", r.Result.Addresses)} after {r.Queries.Length} queries ({r.StopReason})"
            : $"{libc}: {r.Request.Name} → {r.Result.Error} after {r.Queries.Length} queries ({r.StopReason})");
        w.WriteLine($"worst-case wait: {r.WorstCaseSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (timeout:{r.Settings.Timeout} attempts:{r.Settings.Attempts}, {r.Settings.Nameservers.Length} nameserver(s))");
        foreach (var o in r.Settings.Options.Where(o => !o.Honoured))
        {
            w.WriteLine($"ignored option: {o.Reason}");
        }

        foreach (var n in r.Notes)
        {
            w.WriteLine($"note: {n}");
        }
    }
}
