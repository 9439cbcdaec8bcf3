using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>The property the nginx and haproxy fixtures rely on instead of restarting on "address in use".</summary>
public class HeldPortTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void On_PlainBindOfTheSamePort_AddressInUse(string address)
    {
        using var held = HeldPort.On(IPAddress.Parse(address));
        // A raw socket: .NET's TcpListener sets SO_REUSEPORT on Linux itself (it would share, as the servers do).
        using var other = new Socket(held.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var e = Assert.Throws<SocketException>(() => other.Bind(held.EndPoint));
        Assert.Equal(SocketError.AddressAlreadyInUse, e.SocketErrorCode);
    }

    [Fact]
    public async Task On_ReusePortListenerOfTheSameUser_SharesThePortAndGetsTheConnection()
    {
        using var held = HeldPort.On(IPAddress.Loopback);
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.SetRawSocketOption(1, 15, BitConverter.GetBytes(1));
        server.Bind(held.EndPoint);
        server.Listen();
        using var client = new TcpClient();
        await client.ConnectAsync(held.EndPoint);
        using var accepted = await server.AcceptAsync();
        Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, ((IPEndPoint)accepted.RemoteEndPoint!).Port);
    }
}
