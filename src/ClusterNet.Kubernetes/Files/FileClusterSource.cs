using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// A cluster read from manifests on disk (a file or a directory, see <see cref="ManifestLoader"/>). Every kind is
/// Synced after a load, or Error with the reason when the path is missing. With <c>watch</c> the files are read
/// again when they change, so edits show up like watch events.
/// </summary>
public sealed class FileClusterSource : IClusterSource
{
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(300);

    private readonly bool _watch;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FileSystemWatcher? _watcher;
    private ITimer? _reloadTimer;
    private readonly TimeProvider _time;
    private bool _disposed;

    public FileClusterSource(string path, bool watch = true, TimeSpan? coalesce = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _watch = watch;
        _time = time ?? TimeProvider.System;
        Info = new SourceInfo("file", path);
        Store = new ClusterStore(Info, coalesce ?? TimeSpan.FromMilliseconds(200), _time);
    }

    public string Path { get; }

    public SourceInfo Info { get; }

    public ClusterStore Store { get; }

    /// <summary>True while file changes trigger reloads (false when not asked for, or when the OS refused a watcher, e.g. inotify limits).</summary>
    public bool IsWatching => _watcher is not null;

    /// <summary>Why watching could not start, if it could not.</summary>
    public string? WatchError { get; private set; }

    /// <summary>Completes after the first load has been published to the store.</summary>
    public Task Loaded => _loaded.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var kind in Store.Kinds)
        {
            Store.SetStatus(kind, new KindStatus(KindState.Syncing, 0));
        }

        Store.SetConnection(ConnectionState.Connecting);
        _ = Task.Run(() =>
        {
            // Watch first: a change made while the first load runs then triggers another load instead of being lost.
            if (_watch)
            {
                StartWatching();
            }

            Reload();
            _loaded.TrySetResult();
        }, cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>Reads the path again and publishes the result (also what a file change triggers).</summary>
    public void Reload()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (!File.Exists(Path) && !Directory.Exists(Path))
            {
                var message = $"no such file or directory: {Path}";
                foreach (var kind in Store.Kinds)
                {
                    Store.Replace(kind, []);
                    Store.SetStatus(kind, new KindStatus(KindState.Error, 0, message));
                }

                Store.SetDiagnostics([new SourceDiagnostic("error", "no such file or directory", Path)]);
                Store.SetConnection(ConnectionState.Disconnected, message);
                Store.Flush();
                return;
            }

            ManifestLoadResult result;
            try
            {
                result = ManifestLoader.LoadPath(Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Store.SetDiagnostics([new SourceDiagnostic("error", "cannot read: " + ex.Message, Path)]);
                Store.SetConnection(ConnectionState.Disconnected, ex.Message);
                Store.Flush();
                return;
            }

            var byKind = result.Objects.GroupBy(ResourceKinds.KindOf).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var kind in Store.Kinds)
            {
                var items = byKind.TryGetValue(kind, out var list) ? list : [];
                Store.Replace(kind, items);
                Store.SetStatus(kind, new KindStatus(KindState.Synced, items.Count, Loaded: items.Count, Expected: items.Count));
            }

            Store.SetDiagnostics(result.Diagnostics);
            Store.SetConnection(ConnectionState.Connected);
            Store.Flush();
        }
    }

    private void StartWatching()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                var isDirectory = Directory.Exists(Path);
                var directory = isDirectory ? Path : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
                if (directory is null || !Directory.Exists(directory))
                {
                    return;
                }

                _watcher = new FileSystemWatcher(directory)
                {
                    IncludeSubdirectories = isDirectory,
                    Filter = isDirectory ? "*" : System.IO.Path.GetFileName(Path),
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                _watcher.Changed += OnChanged;
                _watcher.Created += OnChanged;
                _watcher.Deleted += OnChanged;
                _watcher.Renamed += OnChanged;
                _watcher.EnableRaisingEvents = true;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                // inotify limits can be exhausted on busy machines; the source still works without live reload.
                _watcher?.Dispose();
                _watcher = null;
                WatchError = ex.Message;
            }
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        // Editors write files in several steps; wait for quiet before reading.
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _reloadTimer?.Dispose();
            _reloadTimer = _time.CreateTimer(_ => Reload(), null, ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
            _reloadTimer?.Dispose();
            _reloadTimer = null;
        }

        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
