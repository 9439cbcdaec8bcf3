using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Tests.Dns.Support;

namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>
/// Runs a scenario against a real C library: builds probe.c with gcc (glibc) and musl-gcc (musl), starts the loopback
/// responder, and runs the probe in a private mount namespace with the scenario's resolv.conf bind-mounted over
/// /etc/resolv.conf (musl ignores RES_OPTIONS/LOCALDOMAIN, so a mount is the one way that works for both).
/// Each run moves the scenario's 127.53.0.x servers to a random 127.x.y block so parallel runs don't collide.
/// </summary>
public static class ResolverProbe
{
    public const string LogicalPrefix = "127.53.0.";

    private static readonly Lazy<string> Built = new(Build);

    public static string ProbeDirectory => Built.Value;

    public static string ProbePath(string libc) => Path.Combine(ProbeDirectory, $"probe-{libc}");

    private static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"clusternet-dns-probe-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var source = Path.Combine(MeasuredData.Directory, "probe.c");
        Exec("gcc", ["-O1", "-o", Path.Combine(dir, "probe-glibc"), source], "install gcc (build-essential)");
        Exec("musl-gcc", ["-O1", "-static", "-o", Path.Combine(dir, "probe-musl"), source], "install musl-tools (test.sh does)");
        return dir;
    }

    /// <summary>glibc's version from ldd, musl's from dpkg (Debian's musl package).</summary>
    public static string InstalledVersion(string libc)
    {
        if (libc == "glibc")
        {
            var first = Exec("ldd", ["--version"], "ldd is part of libc-bin").Split('\n')[0];
            return first.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        }

        var v = Exec("dpkg-query", ["-W", "-f=${Version}", "musl"], "install musl-tools (test.sh does)").Trim();
        return v.Split('-')[0];
    }

    public static async Task<MeasuredRun> RunAsync(MeasuredCase c, string libc)
    {
        var answers = DnsAnswers.Parse(c.Answers.ToJsonString(), c.Id);
        var logicalServers = ResolvConfParser.Parse(c.ResolvConf, c.Id).Nameservers.Concat(answers.Servers).Distinct().ToList();
        for (var tries = 0; ; tries++)
        {
            var prefix = $"127.{Random.Shared.Next(60, 250)}.{Random.Shared.Next(1, 250)}.";
            var bindings = logicalServers.ToDictionary(s => IPAddress.Parse(s.Replace(LogicalPrefix, prefix, StringComparison.Ordinal)), s => s);
            LoopbackDnsResponder responder;
            try
            {
                responder = LoopbackDnsResponder.Start(answers, bindings);
            }
            catch (SocketException) when (tries < 5)
            {
                continue;
            }

            await using (responder)
            {
                var rc = Path.Combine(ProbeDirectory, $"resolv-{c.Id}-{libc}-{Guid.NewGuid():N}.conf");
                await File.WriteAllTextAsync(rc, c.ResolvConf.Replace(LogicalPrefix, prefix, StringComparison.Ordinal));
                var psi = new ProcessStartInfo("unshare")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                foreach (var a in new[] { "-m", "sh", "-c", "mount --bind \"$0\" /etc/resolv.conf && exec \"$1\" \"$2\" \"$3\"", rc, ProbePath(libc), c.Name, c.Family })
                {
                    psi.ArgumentList.Add(a);
                }

                var sw = Stopwatch.StartNew();
                using var p = Process.Start(psi)!;
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await p.WaitForExitAsync(cts.Token);
                sw.Stop();
                File.Delete(rc);
                var output = await stdout;
                if (p.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{c.Id}/{libc}: probe exited {p.ExitCode} (unshare needs root): {await stderr}");
                }

                // Lost-reply scenarios end with queries nobody answers; let the responder log the last ones.
                await responder.WaitUntilDrainedAsync(TimeSpan.FromSeconds(5));
                var result = JsonNode.Parse(output)!;
                return new MeasuredRun(
                    [.. responder.Log.Select(q => new MeasuredQuery(q.Qname, q.Qtype, q.Server, q.Transport))],
                    (string)result["error"]!,
                    [.. result["addresses"]!.AsArray().Select(a => (string)a!)],
                    (double?)result["seconds"] ?? sw.Elapsed.TotalSeconds);
            }
        }
    }

    private static string Exec(string file, string[] args, string hint)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{file}' is not available ({ex.Message}): {hint}");
        }
    }
}
