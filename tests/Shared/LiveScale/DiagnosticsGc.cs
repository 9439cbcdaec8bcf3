using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace ClusterNet.Testing.LiveScale;

/// <summary>
/// Induces a full blocking GC in another .NET process through its diagnostics IPC socket, the way dotnet-gcdump does:
/// an EventPipe session enabling Microsoft-Windows-DotNETRuntime with the GCHeapCollect keyword (0x800000) makes the
/// runtime collect, then the session is stopped. No package needed: the protocol is a 20-byte header and a small payload
/// (dotnet/diagnostics documentation/design-docs/ipc-protocol.md).
/// </summary>
public static class DiagnosticsGc
{
    private const byte EventPipeCommandSet = 0x02;
    private const byte StopTracing = 0x01;
    private const byte CollectTracing = 0x02;
    private const ulong GcKeyword = 0x1;
    private const ulong GcHeapCollectKeyword = 0x800000;

    public static async Task InduceAsync(int pid, CancellationToken ct = default)
    {
        var path = SocketPath(pid);
        using var session = await ConnectAsync(path, ct);
        var payload = new List<byte>();
        AddUInt32(payload, 16);  // circular buffer MB
        AddUInt32(payload, 1);   // nettrace format
        AddUInt32(payload, 1);   // one provider
        AddUInt64(payload, GcKeyword | GcHeapCollectKeyword);
        AddUInt32(payload, 4);   // informational
        AddString(payload, "Microsoft-Windows-DotNETRuntime");
        AddString(payload, null);
        var sessionId = BinaryPrimitives.ReadUInt64LittleEndian(await SendAsync(session, CollectTracing, payload, ct));

        // The runtime streams the trace on this socket; drain it so its writer never blocks, until the session stops.
        var drain = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (await session.ReceiveAsync(buffer, SocketFlags.None, ct) > 0)
                {
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }, CancellationToken.None);

        // The collection runs while the provider is enabled; the GC/end events follow within a moment.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        using (var stop = await ConnectAsync(path, ct))
        {
            var stopPayload = new List<byte>();
            AddUInt64(stopPayload, sessionId);
            await SendAsync(stop, StopTracing, stopPayload, ct);
        }

        await Task.WhenAny(drain, Task.Delay(TimeSpan.FromSeconds(5), ct));
    }

    private static string SocketPath(int pid)
    {
        var dir = Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } t ? t : "/tmp";
        return Directory.GetFiles(dir, $"dotnet-diagnostic-{pid}-*-socket").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new InvalidOperationException($"no diagnostics socket of process {pid} in {dir} (DOTNET_EnableDiagnostics=0?)");
    }

    private static async Task<Socket> ConnectAsync(string path, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
        return socket;
    }

    /// <summary>Sends one command and returns the payload of an OK answer; throws with the HRESULT of an error answer.</summary>
    private static async Task<byte[]> SendAsync(Socket socket, byte command, List<byte> payload, CancellationToken ct)
    {
        var message = new List<byte>(Encoding.ASCII.GetBytes("DOTNET_IPC_V1\0"));
        AddUInt16(message, (ushort)(20 + payload.Count));
        message.Add(EventPipeCommandSet);
        message.Add(command);
        AddUInt16(message, 0);
        message.AddRange(payload);
        await socket.SendAsync(message.ToArray(), SocketFlags.None, ct);

        var header = await ReceiveExactlyAsync(socket, 20, ct);
        var size = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(14));
        var body = await ReceiveExactlyAsync(socket, size - 20, ct);
        if (header[16] != 0xFF || header[17] != 0x00)
        {
            var hr = body.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(body) : 0;
            throw new InvalidOperationException($"diagnostics IPC command 0x{command:x2} refused: 0x{hr:x8}");
        }

        return body;
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, ct);
            if (n == 0)
            {
                throw new IOException("the diagnostics socket closed mid-answer");
            }

            read += n;
        }

        return buffer;
    }

    private static void AddUInt16(List<byte> b, ushort v)
    {
        Span<byte> s = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(s, v);
        b.AddRange(s.ToArray());
    }

    private static void AddUInt32(List<byte> b, uint v)
    {
        Span<byte> s = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(s, v);
        b.AddRange(s.ToArray());
    }

    private static void AddUInt64(List<byte> b, ulong v)
    {
        Span<byte> s = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(s, v);
        b.AddRange(s.ToArray());
    }

    private static void AddString(List<byte> b, string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            AddUInt32(b, 0);
            return;
        }

        AddUInt32(b, (uint)(s.Length + 1));
        b.AddRange(Encoding.Unicode.GetBytes(s + "\0"));
    }
}
