using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ClusterNet.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// The hub is server → client only: whatever a client sends (a broken handshake, malformed frames, calls to methods
/// that don't exist, binary junk, an oversized message) costs that client its connection at most; other subscribers
/// keep receiving SnapshotChanged and new clients still connect.
/// </summary>
public sealed class HubRobustnessTests : IAsyncLifetime
{
    private const char RecordSeparator = '\u001e';
    private RunningApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await RunningApp.StartAsync(["--Cluster:Source=demo", "--Cluster:DemoChangeIntervalSeconds=1", "--Cluster:UiBatchMilliseconds=0"]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HubConnection Connection, Channel<long> Versions)> SubscribeAsync()
    {
        var versions = Channel.CreateUnbounded<long>();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, "hubs/cluster")).Build();
        connection.On<JsonElement>(ClusterHub.SnapshotChanged, m => versions.Writer.TryWrite(m.GetProperty("version").GetInt64()));
        await connection.StartAsync();
        return (connection, versions);
    }

    private async Task<ClientWebSocket> RawSocketAsync()
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(_app.BaseAddress) { Scheme = "ws", Path = "/hubs/cluster" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return socket;
    }

    private static Task SendTextAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads until the server closes the socket (or the time is up); true when it closed.</summary>
    private static async Task<bool> ServerClosesAsync(ClientWebSocket socket, TimeSpan within)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    private static async Task<long> NextVersionAfterAsync(Channel<long> versions, long after)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var version = await versions.Reader.ReadAsync(timeout.Token);
            if (version > after)
            {
                return version;
            }
        }
    }

    [Theory]
    [InlineData("handshake", "this is not a handshake" + "\u001e")]
    [InlineData("json", "{\"protocol\":\"json\",\"version\":1}\u001e{not json at all\u001e")]
    [InlineData("unknown-method", "{\"protocol\":\"json\",\"version\":1}\u001e{\"type\":1,\"invocationId\":\"1\",\"target\":\"DropDatabase\",\"arguments\":[1,2,3]}\u001e")]
    [InlineData("wrong-type", "{\"protocol\":\"json\",\"version\":1}\u001e{\"type\":\"banana\",\"target\":42}\u001e")]
    [InlineData("unknown-protocol", "{\"protocol\":\"xml\",\"version\":99}\u001e")]
    public async Task Garbage_OnOneConnection_OthersStillReceiveSnapshotChanged(string name, string garbage)
    {
        var (healthy, versions) = await SubscribeAsync();
        var before = await NextVersionAfterAsync(versions, 0);

        using var attacker = await RawSocketAsync();
        await SendTextAsync(attacker, garbage);
        if (name != "unknown-method")
        {
            // A protocol violation costs the sender its connection.
            Assert.True(await ServerClosesAsync(attacker, TimeSpan.FromSeconds(20)), $"{name}: the server kept a connection that sent garbage");
        }

        Assert.True(await NextVersionAfterAsync(versions, before) > before);
        var (late, lateVersions) = await SubscribeAsync();
        Assert.True(await NextVersionAfterAsync(lateVersions, 0) > 0);
        await late.DisposeAsync();
        await healthy.DisposeAsync();
    }

    [Fact]
    public async Task BinaryJunkAndOversizedMessage_OnOneConnection_OthersStillReceive()
    {
        var (healthy, versions) = await SubscribeAsync();
        var before = await NextVersionAfterAsync(versions, 0);

        using var junk = await RawSocketAsync();
        await SendTextAsync(junk, "{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        var bytes = new byte[4096];
        Random.Shared.NextBytes(bytes);
        await junk.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

        using var huge = await RawSocketAsync();
        await SendTextAsync(huge, "{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        // Past SignalR's 32 KB receive limit, without a record separator: the server must not buffer it forever.
        await huge.SendAsync(Encoding.UTF8.GetBytes("{\"type\":1,\"target\":\"" + new string('A', 512 * 1024)), WebSocketMessageType.Text, true, CancellationToken.None);

        Assert.True(await ServerClosesAsync(junk, TimeSpan.FromSeconds(20)), "binary junk kept its connection");
        Assert.True(await ServerClosesAsync(huge, TimeSpan.FromSeconds(20)), "an oversized message kept its connection");
        Assert.True(await NextVersionAfterAsync(versions, before) > before);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _app.Client().GetAsync("/healthz")).StatusCode);
        await healthy.DisposeAsync();
    }
}
