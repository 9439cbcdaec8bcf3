using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using k8s;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Reads a real cluster: one list/watch loop per kind (one per name for ConfigMaps) feeding a <see cref="ClusterStore"/>
/// that coalesces changes into snapshots. Read-only: only GET requests, never Secrets. A kind that is forbidden, not
/// served or failing shows that in its status and leaves the other kinds alone; <see cref="ClusterSnapshot.Connection"/>
/// says whether the API server is reachable.
/// </summary>
public sealed class LiveClusterSource : IClusterSource
{
    private readonly KubeApiClient _api;
    private readonly LiveSourceOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IReadOnlyList<WatchStreamSpec> _streams;
    private readonly List<ResourceReflector> _reflectors = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Task[] _loops = [];
    private bool _started;
    private bool _disposed;

    public LiveClusterSource(KubernetesClientConfiguration config, SourceInfo info, LiveSourceOptions options, ILoggerFactory loggerFactory)
        : this(config, info, options, loggerFactory, null)
    {
    }

    /// <summary>Tests pass their own stream specs (custom converters, a mock server's resources).</summary>
    internal LiveClusterSource(KubernetesClientConfiguration config, SourceInfo info, LiveSourceOptions options, ILoggerFactory loggerFactory, IReadOnlyList<WatchStreamSpec>? streams)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        Info = info;
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LiveClusterSource>();
        _streams = streams ?? LiveResourceCatalog.Build(options);
        _api = new KubeApiClient(config);
        Store = new ClusterStore(info, options.Coalesce, kinds: _streams.Select(s => s.Kind).Distinct().ToList(), publishIdleChangesSoon: true);
    }

    public SourceInfo Info { get; }

    public ClusterStore Store { get; }

    /// <summary>The API server this source reads.</summary>
    public Uri Server => _api.BaseUri;

    /// <summary>Test hook: set before <see cref="StartAsync"/> to record every request path.</summary>
    internal List<string>? RequestLog
    {
        get => _api.RequestLog;
        set => _api.RequestLog = value;
    }

    /// <summary>Test hook, set before <see cref="StartAsync"/>: runs after each list page of a kind.</summary>
    internal Func<string, int, CancellationToken, Task>? AfterListPage { get; set; }

    /// <summary>Counters of the loops feeding <paramref name="kind"/> (one per ConfigMap name).</summary>
    internal IReadOnlyList<ReflectorStats> StatsOf(string kind)
    {
        lock (_gate)
        {
            return _reflectors.Where((_, i) => _streams[i].Kind == kind).Select(r => r.Stats).ToList();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return Task.CompletedTask;
            }

            _started = true;
            var connection = new ConnectionMonitor(Store, _api.BaseUri);
            _api.Reached += connection.Reached;
            var discovery = new ApiDiscovery(
                _api,
                _streams.SelectMany(s => s.Candidates).Select(c => c.ApiVersion),
                _options.RequestTimeout,
                _loggerFactory.CreateLogger<ApiDiscovery>());
            var status = new KindStatusBoard(Store, _streams);
            var diagnostics = new DiagnosticsBoard(Store);
            var reflectorLogger = _loggerFactory.CreateLogger<ResourceReflector>();
            foreach (var spec in _streams)
            {
                var reflector = new ResourceReflector(spec, _api, discovery, Store, status, diagnostics, connection, _options, reflectorLogger);
                if (AfterListPage is { } hook)
                {
                    var kind = spec.Kind;
                    reflector.AfterListPage = (page, ct) => hook(kind, page, ct);
                }

                _reflectors.Add(reflector);
            }

            _logger.LogInformation("Live source {Name}: watching {Count} kinds on {Server}", Info.Name, _streams.Select(s => s.Kind).Distinct().Count(), _api.BaseUri);
            var token = _stop.Token;
            _loops = [.. _reflectors.Select(r => Task.Run(() => r.RunAsync(token), CancellationToken.None))];
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Task[] loops;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loops = _loops;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Loops catch everything themselves; anything here is a bug worth a log line, not a crash on shutdown.
            _logger.LogError(e, "A watch loop failed while stopping");
        }

        _api.Dispose();
        _stop.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
