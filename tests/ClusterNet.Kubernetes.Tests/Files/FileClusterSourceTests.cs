using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

public sealed class FileClusterSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-filesource-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<ClusterSnapshot> WaitFor(FileClusterSource source, Func<ClusterSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (condition(source.Store.Current))
            {
                return source.Store.Current;
            }

            await Task.Delay(50);
        }

        return source.Store.Current;
    }

    [Fact]
    public async Task StartAsync_Directory_LoadsEveryKindAsSynced()
    {
        File.WriteAllText(Path.Combine(_dir, "ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: dev}\nspec: {replicas: x}\n");
        await using var source = new FileClusterSource(_dir, watch: false);

        await source.StartAsync(CancellationToken.None);
        await source.Loaded;
        var snapshot = source.Store.Current;

        Assert.Equal(new SourceInfo("file", _dir), snapshot.Source);
        Assert.All(ResourceKind.All, k => Assert.Equal(KindState.Synced, snapshot.StatusOf(k).State));
        Assert.Equal(1, snapshot.Kinds[ResourceKind.Namespaces].Count);
        Assert.Single(snapshot.Pods);
        Assert.Equal(ConnectionState.Connected, snapshot.Connection);
        Assert.True(source.Store.InitialSyncComplete);
    }

    [Fact]
    public async Task StartAsync_BadDocument_PutsDiagnosticsOnTheSnapshot()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: [\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n");
        await using var source = new FileClusterSource(_dir, watch: false);

        await source.StartAsync(CancellationToken.None);
        await source.Loaded;

        var d = Assert.Single(source.Store.Current.Diagnostics);
        Assert.Equal(("error", 1), (d.Severity, d.Document));
        Assert.Equal("ok", Assert.Single(source.Store.Current.Namespaces).Name);
    }

    [Fact]
    public async Task StartAsync_MissingPath_MarksEveryKindError()
    {
        var missing = Path.Combine(_dir, "missing.yaml");
        await using var source = new FileClusterSource(missing, watch: false);

        await source.StartAsync(CancellationToken.None);
        await source.Loaded;
        var snapshot = source.Store.Current;

        Assert.All(ResourceKind.All, k =>
        {
            Assert.Equal(KindState.Error, snapshot.StatusOf(k).State);
            Assert.Contains(missing, snapshot.StatusOf(k).Message);
        });
        Assert.Equal(ConnectionState.Disconnected, snapshot.Connection);
    }

    [Fact]
    public async Task Watch_FileChanged_ReloadsWithoutRestart()
    {
        var file = Path.Combine(_dir, "cluster.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        await using var source = new FileClusterSource(file, watch: true);
        await source.StartAsync(CancellationToken.None);
        await source.Loaded;
        Assert.True(source.IsWatching, "file watcher did not start: " + source.WatchError);
        Assert.Equal("a", Assert.Single(source.Store.Current.Namespaces).Name);

        File.WriteAllText(file, "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");

        var snapshot = await WaitFor(source, s => s.Namespaces.Count == 2);
        Assert.Equal(["a", "b"], snapshot.Namespaces.Select(n => n.Name).ToArray());
    }
}
