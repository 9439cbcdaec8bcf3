using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// A TCP port the kernel picked on one address and this process keeps bound (SO_REUSEPORT, never listening) for as long
/// as a real server started by a fixture uses it. The server binds the same address and port with SO_REUSEPORT too
/// (nginx <c>listen ... reuseport</c>; haproxy does by default on Linux) and is the only socket listening there, so it
/// gets every connection. Why not "bind :0, close, let the server bind": between close and the server's bind anything
/// can take the port. Here the port is never free from the kernel's pick to <see cref="Dispose"/>: the kernel lets only
/// SO_REUSEPORT sockets of the same user share it, never hands it out to another bind(:0) or outgoing connection.
/// </summary>
public sealed class HeldPort : IDisposable
{
    // Linux values (asm-generic/socket.h); .NET has no portable name for SO_REUSEPORT.
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;
    private const int SoReusePort = 15;

    private readonly Socket _socket;

    private HeldPort(Socket socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    /// <summary>Binds <paramref name="address"/>:0 with SO_REUSEPORT and keeps the socket.</summary>
    public static HeldPort On(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.Bind(new IPEndPoint(address, 0));
            // .NET's Bind sets SO_REUSEADDR on Unix; cleared after it, since two SO_REUSEADDR sockets may share a port
            // while neither listens, which would let any program bind it beside us.
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(0));
            return new HeldPort(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();
}
