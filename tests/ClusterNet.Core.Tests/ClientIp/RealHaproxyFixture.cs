using System.Globalization;
using System.Net;
using System.Text;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// The real haproxy from Debian, started once on loopback: one frontend per distinct configuration in
/// <see cref="HaproxyCases"/>, each forwarding to an "echo" frontend of the same process that answers with the
/// request headers it received. The proxy frontend records src (after set-src) in X-Haproxy-Src, so a test reads
/// both what HAProxy took as the client and the X-Forwarded-For lines the server gets.
/// </summary>
public sealed class RealHaproxyFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "clusternet-haproxy-" + Guid.NewGuid().ToString("N")[..8]);
    // Held for haproxy from before it starts (it binds with SO_REUSEPORT by default on Linux): no window in which another
    // program can take them, so no restart on "address in use".
    private readonly Dictionary<string, HeldPort> _ports = [];
    private HeldPort? _echoPort;
    private ServerProcess? _server;

    public async Task InitializeAsync()
    {
        var haproxy = new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("haproxy is not installed: test.sh installs the Debian package haproxy.");
        Directory.CreateDirectory(_dir);
        var echo = _echoPort = HeldPort.On(IPAddress.Loopback);
        foreach (var key in HaproxyCases.All.Select(c => c.ConfigKey).Distinct())
        {
            _ports[key] = HeldPort.On(IPAddress.Loopback);
        }

        var conf = Path.Combine(_dir, "haproxy.cfg");
        await File.WriteAllTextAsync(conf, BuildConfig());
        // -db: stay in the foreground.
        _server = ServerProcess.Start(haproxy, ["-db", "-f", conf]);
        if (!await _server.WaitListeningAsync(_ports.Values.Append(echo).Select(p => p.EndPoint)))
        {
            throw new InvalidOperationException($"haproxy did not start: {_server.Output}");
        }
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        foreach (var port in _ports.Values.Append(_echoPort))
        {
            port?.Dispose();
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

    /// <summary>src as HAProxy saw it after its rules, and the X-Forwarded-For lines it sent to the server, in order.</summary>
    public async Task<(string Src, List<string> XffLines)> SendAsync(HaproxyCase c)
    {
        var server = _ports[c.ConfigKey].EndPoint;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (status, body) = await RawHttp.GetAsync(server, IPAddress.Parse(c.Remote), "/", c.Headers, cts.Token);
        Assert.True(status == 200, $"haproxy answered {status} for '{c.Name}': {body}");
        string? src = null;
        var xff = new List<string>();
        // lf-string output escapes control characters as %XX (CR LF between headers, tabs inside values).
        var text = System.Text.RegularExpressions.Regex.Replace(body, "%([0-9A-Fa-f]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        foreach (var line in text.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (name.Equals("x-haproxy-src", StringComparison.OrdinalIgnoreCase))
            {
                src = value;
            }
            else if (name.Equals("x-forwarded-for", StringComparison.OrdinalIgnoreCase))
            {
                xff.Add(value);
            }
        }

        Assert.True(src is not null, $"no X-Haproxy-Src in the echo for '{c.Name}': {body}");
        return (src!, xff);
    }

    private string BuildConfig()
    {
        var sb = new StringBuilder();
        sb.AppendLine("global\n  maxconn 256\n");
        sb.AppendLine("defaults\n  mode http\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\n");
        sb.AppendLine("frontend echo");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  bind 127.0.0.1:{_echoPort!.Port}");
        sb.AppendLine("  http-request return status 200 content-type text/plain lf-string \"%[req.hdrs]\"\n");
        sb.AppendLine("backend be_echo");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  server echo 127.0.0.1:{_echoPort!.Port}\n");
        var i = 0;
        foreach (var (key, port) in _ports)
        {
            var c = HaproxyCases.All.First(x => x.ConfigKey == key);
            sb.AppendLine(CultureInfo.InvariantCulture, $"frontend fe{i++}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  bind 127.0.0.1:{port.Port}");
            if (c.SetSrc is not null)
            {
                var occ = c.Occurrence.ToString(CultureInfo.InvariantCulture);
                var cond = c.SetSrc.Length == 0 ? "" : " if { src " + string.Join(" ", c.SetSrc.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) + " }";
                sb.AppendLine(CultureInfo.InvariantCulture, $"  http-request set-src hdr_ip(x-forwarded-for,{occ}){cond}");
            }

            sb.AppendLine("  http-request set-header X-Haproxy-Src %[src]");
            if (c.ForwardFor)
            {
                sb.AppendLine("  option forwardfor" + (c.Except is null ? "" : " except " + c.Except) + (c.IfNone ? " if-none" : ""));
            }

            sb.AppendLine("  default_backend be_echo\n");
        }

        return sb.ToString();
    }
}
