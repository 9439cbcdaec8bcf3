using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// A real server program (nginx, haproxy) run in the foreground for a fixture, under timeout(1) so it dies with a test
/// host that was killed without disposing the fixture. Its output is kept for failure messages.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServerProcess Start(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("/usr/bin/timeout", ["-s", "TERM", "900", program, .. args])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Waits until every endpoint accepts a connection. The ports are held for the server (<see cref="HeldPort"/>), so
    /// a refusal only means "not listening yet"; returns false when the program exits or 10 s pass (it failed to start).
    /// </summary>
    public async Task<bool> WaitListeningAsync(IEnumerable<IPEndPoint> endpoints)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var endpoint in endpoints)
        {
            while (true)
            {
                if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
                {
                    return false;
                }

                try
                {
                    using var client = new TcpClient(endpoint.AddressFamily);
                    await client.ConnectAsync(endpoint);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }
        }

        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
