using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Migration;

namespace ClusterNet.Cli.Commands.ClientIp;

/// <summary>The migration preview for the terminal: today first, then one block per implementation, the settings that keep today's behaviour, and the assumptions.</summary>
internal static class ClientIpMigrationTextWriter
{
    public static void Write(TextWriter w, IngressMigrationPreview p)
    {
        w.WriteLine($"Ingress {p.Key} ({p.Controller}): migration preview");
        w.WriteLine($"Today: {ClientIpOutcomeText.Short(p.Today.Outcome, p.Today.Verdict)} — {p.Today.Verdict}");
        w.WriteLine($"  app reads: {p.Today.ClientIpFrom}");
        foreach (var row in p.Rows)
        {
            w.WriteLine();
            w.WriteLine($"{row.Name}: {ClientIpOutcomeText.Short(row.Outcome, row.Forgeable ? "Forgeable" : null)}{(row.SameAsToday ? " (same as today)" : " (differs)")}");
            w.WriteLine($"  {row.Verdict}");
            if (row.BackendXForwardedFor is not null)
            {
                w.WriteLine($"  backend X-Forwarded-For: {row.BackendXForwardedFor}");
            }

            foreach (var k in row.KeepToday)
            {
                w.WriteLine($"  keep today: {k.Title} ({k.Target})");
                foreach (var line in k.Patch.TrimEnd('\n').Split('\n'))
                {
                    w.WriteLine($"    {line}");
                }
            }

            foreach (var a in row.Assumptions)
            {
                w.WriteLine($"  # {a.Field} = {a.Value}{(a.Source is null ? "" : $" ({a.Source})")}");
            }
        }

        w.WriteLine();
        foreach (var n in p.Notes)
        {
            w.WriteLine($"# {n}");
        }
    }
}
