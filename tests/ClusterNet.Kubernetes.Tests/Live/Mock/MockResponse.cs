using System.Net.Sockets;
using System.Text;

namespace ClusterNet.Kubernetes.Tests.Live.Mock;

/// <summary>
/// Writes one HTTP/1.1 response on a raw socket, so tests can do what a real server rarely does: tear a chunked
/// watch stream mid-way (<see cref="Abort"/>), send malformed lines, or answer any status.
/// </summary>
public sealed class MockResponse(NetworkStream stream, Socket socket)
{
    private bool _streaming;

    public bool Completed { get; private set; }

    public async Task JsonAsync(int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        Completed = true;
    }

    public Task StatusAsync(int status, string reason, string message) =>
        JsonAsync(status, $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":{{System.Text.Json.JsonSerializer.Serialize(message)}},"reason":"{{reason}}","code":{{status}}}""");

    /// <summary>Starts a 200 chunked body (a watch stream).</summary>
    public async Task StartStreamAsync()
    {
        const string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
        _streaming = true;
    }

    /// <summary>Sends one line (newline added) as its own chunk.</summary>
    public async Task LineAsync(string line)
    {
        if (!_streaming)
        {
            await StartStreamAsync();
        }

        var data = Encoding.UTF8.GetBytes(line + "\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"));
        await stream.WriteAsync(data);
        await stream.WriteAsync("\r\n"u8.ToArray());
        await stream.FlushAsync();
    }

    /// <summary>Ends the stream properly (terminal chunk): what the server does when timeoutSeconds elapse.</summary>
    public async Task EndAsync()
    {
        if (!_streaming)
        {
            await StartStreamAsync();
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        await stream.FlushAsync();
        Completed = true;
    }

    /// <summary>Drops the TCP connection without finishing the body (RST): a crashed server or a cut network.</summary>
    public void Abort()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        Completed = true;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
