using System.Text.Json;
using System.Threading.Channels;
using ClusterNet.Core.Model;
using ClusterNet.Web.Hubs;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Hub;

public sealed class ClusterHubTests
{
    private static HubConnection Connect(WebAppFactory factory) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/cluster"), o => o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler())
            .Build();

    [Fact]
    public async Task SnapshotChanged_AfterStoreChange_ReachesEverySubscriber()
    {
        var source = new TestClusterSource();
        await using var factory = new WebAppFactory(source);
        var received = new[] { Channel.CreateUnbounded<JsonElement>(), Channel.CreateUnbounded<JsonElement>() };
        var connections = new List<HubConnection>();
        foreach (var channel in received)
        {
            var connection = Connect(factory);
            connection.On<JsonElement>(ClusterHub.SnapshotChanged, m => channel.Writer.TryWrite(m));
            await connection.StartAsync();
            connections.Add(connection);
        }

        // The client's StartAsync returns at the handshake; the server registers the connection (and runs
        // OnConnectedAsync) just after. A change published in between reaches nobody, so wait for both registrations.
        var counter = factory.Services.GetRequiredService<HubConnectionCounter>();
        await WaitFor(() => counter.Count == received.Length);
        source.Store.Upsert(SampleCluster.Pod("dev", "pod9", "10.244.1.9", "node01"));
        var version = source.Store.Flush().Version;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var channel in received)
        {
            var message = await channel.Reader.ReadAsync(timeout.Token);
            Assert.Equal(version, message.GetProperty("version").GetInt64());
            Assert.Equal([ResourceKind.Pods], message.GetProperty("changedKinds").EnumerateArray().Select(k => k.GetString()));
            Assert.Equal(4, message.GetProperty("counts").GetProperty("pods").GetInt32());
            Assert.Equal(3, message.GetProperty("counts").GetProperty("nodes").GetInt32());
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Subscribers_ManyClientsThenDisconnect_OnePumpSubscriptionAndCountsReturnToZero()
    {
        var source = new TestClusterSource();
        await using var factory = new WebAppFactory(source);
        var feed = factory.Services.GetRequiredService<ISnapshotFeed>();
        var counter = factory.Services.GetRequiredService<HubConnectionCounter>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < 5; i++)
        {
            var connection = Connect(factory);
            await connection.StartAsync();
            connections.Add(connection);
        }

        // OnConnectedAsync may run just after the client's handshake completes.
        await WaitFor(() => counter.Count == 5);
        Assert.Equal(5, counter.Count);
        Assert.Equal(1, feed.SubscriberCount);

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await WaitFor(() => counter.Count == 0);
        Assert.Equal(0, counter.Count);
        Assert.Equal(1, feed.SubscriberCount);

        await factory.DisposeAsync();
        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task SnapshotChanged_ClientDisconnectedMidway_OthersStillReceive()
    {
        var source = new TestClusterSource();
        await using var factory = new WebAppFactory(source);
        var leaving = Connect(factory);
        await leaving.StartAsync();
        var staying = Connect(factory);
        var received = Channel.CreateUnbounded<long>();
        staying.On<JsonElement>(ClusterHub.SnapshotChanged, m => received.Writer.TryWrite(m.GetProperty("version").GetInt64()));
        await staying.StartAsync();

        var counter = factory.Services.GetRequiredService<HubConnectionCounter>();
        await WaitFor(() => counter.Count == 2);
        await leaving.DisposeAsync();
        source.Store.Upsert(SampleCluster.Node("node03", "172.16.100.104", "10.244.3.0/24"));
        var version = source.Store.Flush().Version;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(version, await received.Reader.ReadAsync(timeout.Token));
        await staying.DisposeAsync();
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
