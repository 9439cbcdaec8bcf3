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

    // Per configuration, a port on 127.0.0.1 and one on ::1, held for nginx from before it starts (no window in which
    // another program can take them, so no restart on "address in use").
    private readonly Dictionary<string, (HeldPort V4, HeldPort V6)> _ports = [];
    private ServerProcess? _server;

    public string AccessLog => Path.Combine(_dir, "access.log");

    public async Task InitializeAsync()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: test.sh installs the Debian package nginx-light (it has the realip module).");
        Directory.CreateDirectory(_dir);
        foreach (var key in DecodeCases.All.Select(c => c.NginxConfigKey).Distinct())
        {
            _ports[key] = (HeldPort.On(IPAddress.Loopback), HeldPort.On(IPAddress.IPv6Loopback));
        }

        var conf = Path.Combine(_dir, "nginx.conf");
        var errorLog = Path.Combine(_dir, "error.log");
        await File.WriteAllTextAsync(conf, BuildConfig());
        _server = ServerProcess.Start(nginx, ["-p", _dir + "/", "-c", conf, "-e", errorLog]);
        if (!await _server.WaitListeningAsync(_ports.Values.SelectMany(p => new[] { p.V4.EndPoint, p.V6.EndPoint })))
        {
            var log = File.Exists(errorLog) ? await File.ReadAllTextAsync(errorLog) : "(no error log)";
            throw new InvalidOperationException($"nginx did not start: {log}{_server.Output}");
        }
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        foreach (var (v4, v6) in _ports.Values)
        {
            v4.Dispose();
            v6.Dispose();
        }

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
        var ports = _ports[c.NginxConfigKey];
        var server = source.AddressFamily == AddressFamily.InterNetworkV6 ? ports.V6.EndPoint : ports.V4.EndPoint;
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
        foreach (var (key, (v4, v6)) in _ports)
        {
            var parts = key.Split('|');
            sb.AppendLine("  server {");
            // reuseport: the fixture holds these ports (HeldPort) and nginx shares them.
            sb.AppendLine($"    listen 127.0.0.1:{v4.Port} reuseport;");
            sb.AppendLine($"    listen [::1]:{v6.Port} reuseport;");
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
}
