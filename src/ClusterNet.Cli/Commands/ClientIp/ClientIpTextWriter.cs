using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Cli.Commands.ClientIp;

/// <summary>Plain-text renderings for the terminal: verdict first, then evidence, then fixes.</summary>
internal static class ClientIpTextWriter
{
    public static void WriteDecode(TextWriter w, ForwardedDecodeRequest request, ForwardedDecodeResult r)
    {
        w.WriteLine($"nginx realip:              {r.Nginx.ClientIp}{(r.Nginx.Changed ? "" : " (unchanged)")}");
        w.WriteLine($"ASP.NET ForwardedHeaders:  {r.AspNet.ClientIp}{(r.AspNet.Changed ? "" : " (unchanged)")}");
        w.WriteLine();
        w.WriteLine("nginx:");
        foreach (var s in r.Nginx.Steps)
        {
            w.WriteLine($"  {s.Index,2}. {(s.Decisive ? "*" : " ")} {s.Text}");
        }

        w.WriteLine("ASP.NET:");
        foreach (var s in r.AspNet.Steps)
        {
            w.WriteLine($"  {s.Index,2}. {(s.Decisive ? "*" : " ")} {s.Text}");
        }

        w.WriteLine($"  remaining {request.HeaderName}: [{string.Join(", ", r.AspNet.RemainingXff)}]");
        if (r.Envoy is { } envoy)
        {
            w.WriteLine($"Envoy: {envoy.ClientIp}{(envoy.FromXff ? " (from X-Forwarded-For)" : " (socket peer)")}");
            foreach (var s in envoy.Steps)
            {
                w.WriteLine($"  {s.Index,2}. {(s.Decisive ? "*" : " ")} {s.Text}");
            }

            w.WriteLine($"  forwards X-Forwarded-For: {envoy.ForwardedXff ?? "(none)"}");
        }

        if (r.Haproxy is { } haproxy)
        {
            w.WriteLine($"HAProxy: {haproxy.ClientIp}{(haproxy.Changed ? "" : " (unchanged)")}");
            foreach (var s in haproxy.Steps)
            {
                w.WriteLine($"  {s.Index,2}. {(s.Decisive ? "*" : " ")} {s.Text}");
            }

            w.WriteLine($"  forwards X-Forwarded-For lines: [{string.Join(" | ", haproxy.ForwardedXffLines)}]");
        }

        var flagged = r.Tokens.Where(t => t.Flag is not null).ToList();
        if (flagged.Count > 0)
        {
            w.WriteLine("Entries:");
            foreach (var t in flagged)
            {
                w.WriteLine($"  \"{t.Token}\": {t.Flag}");
            }
        }

        foreach (var n in r.Notes)
        {
            w.WriteLine($"Note: {n}");
        }

        w.WriteLine("(* = the step that decided)");
    }

    public static void WriteReport(TextWriter w, ClientIpReport report)
    {
        w.WriteLine($"{report.Kind} {report.Key}: {report.Verdict}");
        foreach (var route in report.Routes)
        {
            w.WriteLine();
            w.WriteLine($"Route: {route.Name} [{route.Outcome}]");
            if (route != report.Routes[0])
            {
                w.WriteLine($"  {route.Verdict}");
            }

            foreach (var hop in route.Hops)
            {
                var snat = hop.Snat ? "  [SNAT]" : "";
                w.WriteLine($"  {(hop.Conditional ? "(→)" : " → ")} {hop.Label}{(hop.Address is null ? "" : $" [{hop.Address}]")}{snat}");
                if (hop.SeesSource is not null)
                {
                    w.WriteLine($"        sees source: {hop.SeesSource}");
                }

                if (hop.SnatReason is not null)
                {
                    w.WriteLine($"        {hop.SnatReason}");
                }

                foreach (var h in hop.AddsHeaders)
                {
                    w.WriteLine($"        adds {h}");
                }

                if (hop.Detail is not null)
                {
                    w.WriteLine($"        {hop.Detail}");
                }

                if (hop.Policy is { } policy)
                {
                    w.WriteLine($"        NetworkPolicy {policy.From} → {policy.To} {policy.Probe}: {policy.Verdict}");
                }
            }

            w.WriteLine($"  App socket remote address: {route.App.SocketRemoteAddress}");
            foreach (var h in route.App.Headers)
            {
                w.WriteLine($"  App header {h.Name}: {h.Value}  ({h.Meaning})");
            }

            w.WriteLine($"  Client IP from: {route.App.ClientIpFrom}");
            foreach (var n in route.Notes)
            {
                w.WriteLine($"  note: {n}");
            }
        }

        if (report.Risks.Length > 0)
        {
            w.WriteLine();
            w.WriteLine("Risks:");
            foreach (var r in report.Risks)
            {
                w.WriteLine($"  [{ClientIpFindings.Word(r.Severity)}] {r.Message}");
                w.WriteLine($"      {r.Detail}");
                foreach (var e in r.Evidence.Where(e => e.Length > 0))
                {
                    w.WriteLine($"      evidence: {e}");
                }
            }
        }

        foreach (var f in report.Fixes)
        {
            w.WriteLine();
            w.WriteLine($"Fix: {f.Title} ({f.Target})");
            foreach (var line in f.Patch.TrimEnd('\n').Split('\n'))
            {
                w.WriteLine($"    {line}");
            }

            if (f.Command is not null)
            {
                w.WriteLine($"  $ {f.Command}");
            }

            foreach (var t in f.TradeOffs)
            {
                w.WriteLine($"  trade-off: {t}");
            }
        }

        w.WriteLine();
        w.WriteLine("Inputs:");
        foreach (var i in report.Inputs)
        {
            w.WriteLine($"  {i.Field} = {i.Value}{(i.Source is null ? "" : $"  ({i.Source})")}");
        }

        foreach (var n in report.Notes)
        {
            w.WriteLine($"Note: {n}");
        }
    }

    public static void WriteOverview(TextWriter w, IReadOnlyList<ClientIpOverviewRow> rows)
    {
        if (rows.Count == 0)
        {
            w.WriteLine("No exposed Services (no NodePort, LoadBalancer, externalIPs or Ingress backends): only in-cluster clients, which are always seen by their pod IP.");
            return;
        }

        var nameWidth = Math.Max(7, rows.Max(r => r.Namespace.Length + r.Name.Length + 1));
        var viaWidth = Math.Max(11, rows.Max(r => r.ExposedVia.Length));
        w.WriteLine($"{"SERVICE".PadRight(nameWidth)}  {"EXPOSED VIA".PadRight(viaWidth)}  {"POLICY",-8}  CLIENT IP");
        foreach (var r in rows)
        {
            w.WriteLine($"{(r.Namespace + "/" + r.Name).PadRight(nameWidth)}  {r.ExposedVia.PadRight(viaWidth)}  {r.ExternalTrafficPolicy,-8}  {Label(r.Outcome)}");
        }
    }

    public static string Label(ClientIpOutcome o) => o switch
    {
        ClientIpOutcome.Preserved => "preserved (socket)",
        ClientIpOutcome.PreservedInHeader => "in a header",
        ClientIpOutcome.Lost => "lost",
        ClientIpOutcome.Broken => "broken",
        ClientIpOutcome.NotApplicable => "n/a",
        _ => "unknown",
    };
}
