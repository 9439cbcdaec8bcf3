using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// The real nginx from Debian (nginx-light carries the realip module), started once on loopback with one server
/// block per distinct configuration in <see cref="DecodeCases"/>. Each server returns $remote_addr in the body and
/// logs it, so a test reads what realip really made of a request.
/// </summary>
public sealed class RealNginxFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "clusternet-realip-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, int> _ports = [];
    private Process? _process;

    public string AccessLog => Path.Combine(_dir, "access.log");

    public async Task InitializeAsync()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: test.sh installs the Debian package nginx-light (it has the realip module).");
        Directory.CreateDirectory(_dir);
        string? lastError = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            _ports.Clear();
            foreach (var key in DecodeCases.All.Select(c => c.NginxConfigKey).Distinct())
            {
                _ports[key] = FreePort();
            }

            var conf = Path.Combine(_dir, "nginx.conf");
            await File.WriteAllTextAsync(conf, BuildConfig());
            // timeout(1) bounds nginx's life if the test host dies without disposing the fixture.
            var start = new ProcessStartInfo("/usr/bin/timeout", ["-s", "TERM", "900", nginx, "-p", _dir + "/", "-c", conf, "-e", Path.Combine(_dir, "error.log")])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            _process = Process.Start(start)!;
            if (await WaitReadyAsync())
            {
                return;
            }

            lastError = File.Exists(Path.Combine(_dir, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(_dir, "error.log")) : "(no error log)";
            Stop();
        }

        throw new InvalidOperationException($"nginx did not start: {lastError}");
    }

    public Task DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>What nginx put in $remote_addr for this request.</summary>
    public async Task<string> RemoteAddrAsync(DecodeCase c)
    {
        var source = IPAddress.Parse(c.Remote);
        var server = new IPEndPoint(source.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, _ports[c.NginxConfigKey]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (status, body) = await RawHttp.GetAsync(server, source, "/", c.Headers, cts.Token);
        Assert.True(status == 200, $"nginx answered {status} for '{c.Name}': {body}");
        return body.Trim();
    }

    private string BuildConfig()
    {
        var sb = new StringBuilder();
        sb.AppendLine("worker_processes 1;\ndaemon off;\nmaster_process off;");
        sb.AppendLine($"pid {_dir}/nginx.pid;");
        sb.AppendLine("events { worker_connections 256; }");
        sb.AppendLine("http {");
        foreach (var t in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            sb.AppendLine($"  {t}_temp_path {_dir}/{t};");
        }

        sb.AppendLine("  log_format realip '$remote_addr $realip_remote_addr \"$http_x_forwarded_for\"';");
        sb.AppendLine($"  access_log {_dir}/access.log realip;");
        foreach (var (key, port) in _ports)
        {
            var parts = key.Split('|');
            sb.AppendLine("  server {");
            sb.AppendLine($"    listen 127.0.0.1:{port};");
            sb.AppendLine($"    listen [::1]:{port};");
            foreach (var t in parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                sb.AppendLine($"    set_real_ip_from {t};");
            }

            sb.AppendLine($"    real_ip_header {parts[1]};");
            sb.AppendLine($"    real_ip_recursive {(bool.Parse(parts[2]) ? "on" : "off")};");
            sb.AppendLine("    location / { default_type text/plain; return 200 \"$remote_addr\\n\"; }");
            sb.AppendLine("  }");
        }

        sb.AppendLine("}");
        return sb.ToString();
    }

    private async Task<bool> WaitReadyAsync()
    {
        var port = _ports.Values.First();
        for (var i = 0; i < 100; i++)
        {
            if (_process!.HasExited)
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    private static int FreePort()
    {
        // A port free on both loopbacks, since every server listens on 127.0.0.1 and [::1].
        while (true)
        {
            var v4 = new TcpListener(IPAddress.Loopback, 0);
            v4.Start();
            var port = ((IPEndPoint)v4.LocalEndpoint).Port;
            try
            {
                var v6 = new TcpListener(IPAddress.IPv6Loopback, port);
                v6.Start();
                v6.Stop();
                return port;
            }
            catch (SocketException)
            {
            }
            finally
            {
                v4.Stop();
            }
        }
    }

    private void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }
}
