using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// Forwards 127.0.0.1:<see cref="Port"/> to the API server's port. <see cref="Block"/> resets every relayed connection
/// and refuses new ones (connections are accepted and reset at once), so a test decides exactly when the source may
/// reconnect — e.g. only after objects were changed behind its back. TLS passes through untouched (SAN 127.0.0.1).
/// </summary>
public sealed class LoopbackTcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(Socket Client, Socket Server)> _pairs = [];
    private readonly Task _accept;
    private volatile bool _blocked;

    public LoopbackTcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public string Url => $"https://127.0.0.1:{Port}";

    public int Accepted { get; private set; }

    public void Block()
    {
        _blocked = true;
        lock (_pairs)
        {
            foreach (var (client, server) in _pairs)
            {
                Reset(client);
                Reset(server);
            }

            _pairs.Clear();
        }
    }

    public void Unblock() => _blocked = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_blocked)
            {
                Reset(client);
                continue;
            }

            Accepted++;
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
        }
        catch (Exception)
        {
            // API server down: the client sees its connection reset, like a refused connection.
            Reset(client);
            server.Dispose();
            return;
        }

        lock (_pairs)
        {
            _pairs.Add((client, server));
        }

        await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        Reset(client);
        Reset(server);
        lock (_pairs)
        {
            _pairs.Remove((client, server));
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side closed or the relay was blocked.
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Block();
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception)
        {
            // Stopping.
        }

        _stop.Dispose();
    }
}
