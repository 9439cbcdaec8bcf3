using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Kubernetes.Tests.Live;

public sealed class KindStatusBoardTests
{
    private static readonly ResourceTarget Target = new("v1", "configmaps", (_, _) => throw new NotSupportedException());

    private static WatchStreamSpec Stream(string name) => new(ResourceKind.ConfigMaps, name, [Target]) { SoleOwner = false };

    [Theory]
    [InlineData(new[] { KindState.Synced, KindState.Synced }, KindState.Synced)]
    [InlineData(new[] { KindState.Synced, KindState.Syncing }, KindState.Syncing)]
    [InlineData(new[] { KindState.Synced, KindState.Forbidden }, KindState.Forbidden)]
    [InlineData(new[] { KindState.Forbidden, KindState.Reconnecting }, KindState.Forbidden)]
    [InlineData(new[] { KindState.Reconnecting, KindState.Synced }, KindState.Reconnecting)]
    [InlineData(new[] { KindState.Pending, KindState.Forbidden }, KindState.Pending)]
    public async Task Report_SeveralStreamsOfOneKind_FoldsToTheMostPressingState(KindState[] states, KindState expected)
    {
        await using var store = new ClusterStore(new SourceInfo("kubeconfig", "t"), TimeSpan.Zero, kinds: [ResourceKind.ConfigMaps]);
        var streams = states.Select((_, i) => Stream($"cm-{i}")).ToList();
        var board = new KindStatusBoard(store, streams);

        for (var i = 0; i < states.Length; i++)
        {
            board.Report(streams[i], new StreamStatus(states[i], states[i] == KindState.Synced ? null : $"problem {i}"));
        }

        var status = store.Flush().StatusOf(ResourceKind.ConfigMaps);
        Assert.Equal(expected, status.State);
        if (expected is KindState.Forbidden or KindState.Reconnecting)
        {
            var culprit = Array.IndexOf(states, expected);
            Assert.Equal($"cm-{culprit}: problem {culprit}", status.Message);
        }
    }

    [Fact]
    public async Task Report_Progress_SumsLoadedAndExpectedAcrossStreams()
    {
        await using var store = new ClusterStore(new SourceInfo("kubeconfig", "t"), TimeSpan.Zero, kinds: [ResourceKind.ConfigMaps]);
        var a = Stream("a");
        var b = Stream("b");
        var board = new KindStatusBoard(store, [a, b]);

        board.Report(a, new StreamStatus(KindState.Syncing, Loaded: 3, Expected: 10));
        board.Report(b, new StreamStatus(KindState.Syncing, Loaded: 1, Expected: 4));

        var status = store.Flush().StatusOf(ResourceKind.ConfigMaps);
        Assert.Equal((4, 14), (status.Loaded, status.Expected!.Value));
    }

    [Fact]
    public void ResourceTarget_Path_ForCoreAndGroupApis()
    {
        Assert.Equal("/api/v1/pods", new ResourceTarget("v1", "pods", (_, _) => null!).Path);
        Assert.Equal("/apis/discovery.k8s.io/v1beta1/endpointslices", new ResourceTarget("discovery.k8s.io/v1beta1", "endpointslices", (_, _) => null!).Path);
        Assert.Equal("discovery.k8s.io", new ResourceTarget("discovery.k8s.io/v1beta1", "endpointslices", (_, _) => null!).Group);
        Assert.Equal(new ObjectKey("dev", "web"), ResourceTarget.MetadataKey(JsonDocument.Parse("""{"metadata":{"name":"web","namespace":"dev"}}""").RootElement));
        Assert.Null(ResourceTarget.MetadataKey(JsonDocument.Parse("""{"metadata":{}}""").RootElement));
    }
}
