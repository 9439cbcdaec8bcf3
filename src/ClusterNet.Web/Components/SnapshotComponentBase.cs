using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Components;

/// <summary>
/// Base class for pages and panels that show cluster state. <see cref="Snapshot"/> is set before OnInitialized and
/// replaced when the feed publishes; the component re-renders (on the renderer's dispatcher, via InvokeAsync) only when
/// <see cref="HasVisibleChange"/> says so: by default when objects or the status of a <see cref="WatchedKinds"/> kind
/// changed, or the connection state changed. Disposal cancels the subscription.
/// <code>
/// @inherits SnapshotComponentBase
/// @code {
///     protected override IReadOnlyCollection&lt;string&gt; WatchedKinds =&gt; [ResourceKind.Pods, ResourceKind.NetworkPolicies];
///     protected override Task OnSnapshotChangedAsync(SnapshotBatch batch) { Recompute(); return Task.CompletedTask; }
/// }
/// </code>
/// </summary>
public abstract class SnapshotComponentBase : ComponentBase, IAsyncDisposable
{
    private SnapshotSubscription? _subscription;
    private bool _disposed;

    [Inject]
    protected ISnapshotFeed Feed { get; set; } = default!;

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    /// <summary>The newest snapshot this component has seen.</summary>
    protected ClusterSnapshot Snapshot { get; private set; } = default!;

    /// <summary>Kinds whose changes are visible here; null (the default) re-renders on every batch.</summary>
    protected virtual IReadOnlyCollection<string>? WatchedKinds => null;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (_subscription is null && !_disposed)
        {
            // Subscribe first, then read Current: no version can slip between the two.
            _subscription = SnapshotSubscription.Start(Feed, OnBatchAsync, LoggerFactory.CreateLogger(GetType()));
            Snapshot = Feed.Current;
        }

        return base.SetParametersAsync(parameters);
    }

    /// <summary>Called on the dispatcher before re-rendering for a batch with a visible change: recompute derived state here.</summary>
    protected virtual Task OnSnapshotChangedAsync(SnapshotBatch batch) => Task.CompletedTask;

    protected virtual bool HasVisibleChange(ClusterSnapshot previous, SnapshotBatch batch) => batch.IsVisibleFor(previous, WatchedKinds);

    private Task OnBatchAsync(SnapshotBatch batch) => InvokeAsync(async () =>
    {
        if (_disposed)
        {
            return;
        }

        var previous = Snapshot;
        Snapshot = batch.Snapshot;
        if (HasVisibleChange(previous, batch))
        {
            await OnSnapshotChangedAsync(batch);
            StateHasChanged();
        }
    });

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
