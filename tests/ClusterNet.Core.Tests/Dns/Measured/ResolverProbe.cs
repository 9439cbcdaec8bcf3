using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Tests.Dns.Support;

namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>
/// Runs a scenario against a real C library: builds probe.c with gcc (glibc), the system's musl-gcc (musl, Debian
/// bookworm's 1.2.3) and the musl-gcc of tests/testenv/provision-musl.sh (musl-1.2.5, trixie's, cached outside the
/// repo), starts the loopback responder, and runs the probe in a private mount namespace with the scenario's
/// resolv.conf and /etc/hosts bind-mounted over the system's (musl ignores RES_OPTIONS/LOCALDOMAIN, so a mount is the
/// one way that works for both), and an nsswitch.conf of "hosts: files dns" so glibc reads the file as pods do.
/// Each run moves the scenario's 127.53.0.x servers to a random 127.x.y block so parallel runs don't collide.
/// </summary>
public static class ResolverProbe
{
    public const string LogicalPrefix = "127.53.0.";

    /// <summary>The probe variant built against tests/testenv/provision-musl.sh's musl.</summary>
    public const string Musl125 = "musl-1.2.5";

    private static readonly Lazy<string> Built = new(Build);
    private static readonly Lazy<string> BuiltMusl125 = new(BuildMusl125);

    public static string ProbeDirectory => Built.Value;

    /// <summary>libc is "glibc", "musl" (the system's) or <see cref="Musl125"/>.</summary>
    public static string ProbePath(string libc) => libc == Musl125 ? BuiltMusl125.Value : Path.Combine(ProbeDirectory, $"probe-{libc}");

    public static string MuslCache => Environment.GetEnvironmentVariable("CLUSTERNET_MUSL_CACHE") is { Length: > 0 } dir ? dir : "/var/cache/clusternet/musl-1.2.5";

    private static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"clusternet-dns-probe-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var source = Path.Combine(MeasuredData.Directory, "probe.c");
        Exec("gcc", ["-O1", "-o", Path.Combine(dir, "probe-glibc"), source], "install gcc (build-essential)");
        Exec("musl-gcc", ["-O1", "-static", "-o", Path.Combine(dir, "probe-musl"), source], "install musl-tools (test.sh does)");
        File.WriteAllText(Path.Combine(dir, "nsswitch.conf"), "hosts: files dns\n");
        return dir;
    }

    private static string BuildMusl125()
    {
        var gcc = Path.Combine(MuslCache, "bin", "musl-gcc");
        if (!File.Exists(Path.Combine(MuslCache, ".complete")) || !File.Exists(gcc))
        {
            throw new InvalidOperationException($"musl 1.2.5 is not provisioned in {MuslCache}: run tests/testenv/provision-musl.sh as root (test.sh does), or set CLUSTERNET_MUSL_CACHE");
        }

        var path = Path.Combine(ProbeDirectory, "probe-musl-1.2.5");
        Exec(gcc, ["-O1", "-static", "-o", path, Path.Combine(MeasuredData.Directory, "probe.c")], "re-run tests/testenv/provision-musl.sh --force-rebuild");
        return path;
    }

    /// <summary>glibc's version from ldd, musl's from dpkg (Debian's musl package), musl-1.2.5's from the provisioning stamp.</summary>
    public static string InstalledVersion(string libc)
    {
        if (libc == "glibc")
        {
            var first = Exec("ldd", ["--version"], "ldd is part of libc-bin").Split('\n')[0];
            return first.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        }

        if (libc == Musl125)
        {
            _ = ProbePath(libc);
            var line = File.ReadAllLines(Path.Combine(MuslCache, ".complete")).First(l => l.StartsWith("version=", StringComparison.Ordinal));
            return line["version=".Length..].Split('-')[0];
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
                var hosts = Path.ChangeExtension(rc, ".hosts");
                await File.WriteAllTextAsync(hosts, c.HostsText);
                var psi = new ProcessStartInfo("unshare")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                const string script = "mount --bind \"$0\" /etc/resolv.conf && mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/nsswitch.conf && exec \"$3\" \"$4\" \"$5\"";
                foreach (var a in new[] { "-m", "sh", "-c", script, rc, hosts, Path.Combine(ProbeDirectory, "nsswitch.conf"), ProbePath(libc), c.Name, c.Family })
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
                File.Delete(hosts);
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
