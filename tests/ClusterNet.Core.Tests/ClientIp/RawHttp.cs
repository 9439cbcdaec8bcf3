using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// Sends one HTTP/1.1 request with exact header lines (repeats, odd spacing, empty values kept) from a chosen
/// loopback source address, so the server's socket sees e.g. 127.0.0.5. Returns status and body.
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Body)> GetAsync(IPEndPoint server, IPAddress source, string path, IEnumerable<string> headerLines, CancellationToken ct)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(server, ct);
        var sb = new StringBuilder();
        sb.Append(CultureInfoInvariant($"GET {path} HTTP/1.1\r\nHost: test\r\n"));
        foreach (var line in headerLines)
        {
            sb.Append(line).Append("\r\n");
        }

        sb.Append("Connection: close\r\n\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(sb.ToString()), SocketFlags.None, ct);
        var buffer = new byte[8192];
        using var ms = new MemoryStream();
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
        {
            ms.Write(buffer, 0, n);
        }

        var text = Encoding.ASCII.GetString(ms.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no HTTP response from {server}: '{text}'");
        var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        var status = int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var head = text[..split];
        var body = text[(split + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return (status, body);
    }

    private static string CultureInfoInvariant(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Dechunk(string body)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < body.Length)
        {
            var eol = body.IndexOf("\r\n", i, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[i..eol].Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            sb.Append(body, eol + 2, size);
            i = eol + 2 + size + 2;
        }

        return sb.ToString();
    }
}
