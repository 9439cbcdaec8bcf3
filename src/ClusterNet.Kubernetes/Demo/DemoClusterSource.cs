using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Demo;

/// <summary>
/// The embedded demo cluster (Demo/demo-cluster.yaml, read through <see cref="ManifestLoader"/>) that changes every
/// <c>changeInterval</c>: a pod restarts with a new IP, a deployment scales 2→3→2. The UI labels it "Demo cluster".
/// </summary>
public sealed class DemoClusterSource : IClusterSource
{
    public const string ResourceName = "ClusterNet.Kubernetes.Demo.demo-cluster.yaml";

    private readonly TimeSpan _changeInterval;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly DemoClusterState _state;
    private ITimer? _timer;
    private bool _disposed;

    public DemoClusterSource(TimeSpan changeInterval, TimeProvider? time = null)
    {
        _changeInterval = changeInterval;
        _time = time ?? TimeProvider.System;
        Info = new SourceInfo("demo", "Demo cluster");
        Store = new ClusterStore(Info, TimeSpan.FromMilliseconds(200), _time);
        var manifest = LoadManifest();
        _state = new DemoClusterState(manifest.Objects);
        var byKind = manifest.Objects.GroupBy(ResourceKinds.KindOf).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var kind in Store.Kinds)
        {
            var items = byKind.TryGetValue(kind, out var list) ? list : [];
            Store.Replace(kind, items);
            Store.SetStatus(kind, new KindStatus(KindState.Synced, items.Count, Loaded: items.Count, Expected: items.Count));
        }

        Store.SetDiagnostics(manifest.Diagnostics);
        Store.SetConnection(ConnectionState.Connected);
        Store.Flush();
    }

    public SourceInfo Info { get; }

    public ClusterStore Store { get; }

    /// <summary>The embedded manifest as the file source would read it.</summary>
    public static ManifestLoadResult LoadManifest() => ManifestLoader.LoadText(ManifestText(), "demo-cluster.yaml");

    public static string ManifestText()
    {
        using var stream = typeof(DemoClusterSource).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_changeInterval > TimeSpan.Zero && _timer is null && !_disposed)
            {
                _timer = _time.CreateTimer(_ => Step(), null, _changeInterval, _changeInterval);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Applies the next change of the cycle now and publishes it (tests call this instead of waiting).</summary>
    public void Step()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var change = _state.Step();
            foreach (var (kind, key) in change.Deletes)
            {
                Store.Delete(kind, key);
            }

            foreach (var obj in change.Upserts)
            {
                Store.Upsert(obj);
            }

            Store.SetConnection(ConnectionState.Connected);
            Store.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        ITimer? timer;
        lock (_gate)
        {
            _disposed = true;
            timer = _timer;
            _timer = null;
        }

        if (timer is not null)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
