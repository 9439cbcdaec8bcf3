using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ClusterNet.Testing;

/// <summary>
/// Steady pod churn in <see cref="FaultSoak.Namespace"/>: create, patch the status (a new pod IP, so a stale copy is
/// visible), delete the oldest — one operation per interval, straight to the API server. Operations refused during a
/// fault are retried; a create or delete whose answer was lost counts as done when the retry finds it done (409/404).
/// </summary>
public sealed class SoakChurn : IAsyncDisposable
{
    /// <summary>Pods standing at any time (a quarter of those created): every comparison covers a few hundred in the full run.</summary>
    private readonly int _keep;

    private readonly SoakOptions _options;
    private readonly k8s.Kubernetes _client;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _live = [];
    private readonly Random _random = new(12);
    private readonly Task _loop;
    private int _next;
    private int _ip;

    public SoakChurn(TestControlPlane plane, SoakOptions options)
    {
        _options = options;
        _keep = Math.Max(20, options.Pods / 4);
        _client = FaultSoak.Client(plane);
        _loop = Task.Run(LoopAsync);
    }

    public int Creates { get; private set; }

    public int Patches { get; private set; }

    public int Deletes { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Returns once no operation is in flight; none starts until <see cref="Resume"/>.</summary>
    public Task PauseAsync() => _turn.WaitAsync();

    public void Resume() => _turn.Release();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LoopAsync()
    {
        var step = 0;
        while (!_stop.IsCancellationRequested)
        {
            await _turn.WaitAsync(_stop.Token);
            var failed = false;
            try
            {
                if (await StepAsync(step))
                {
                    step++;
                }
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or TaskCanceledException or IOException && !_stop.IsCancellationRequested)
            {
                Failed++;
                failed = true;
            }
            finally
            {
                _turn.Release();
            }

            if (failed)
            {
                // The server is down (refusals come back at once): retry at a calm pace, not in a busy loop.
                await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
                continue;
            }

            if (_options.OperationInterval > TimeSpan.Zero)
            {
                await Task.Delay(_options.OperationInterval, _stop.Token);
            }
            else
            {
                // Back to back, but other work (the source, the fault) gets its turn.
                await Task.Yield();
            }
        }
    }

    /// <summary>One operation of the create → patch → delete cycle; false when it must be tried again.</summary>
    private async Task<bool> StepAsync(int step)
    {
        switch (step % 3)
        {
            case 0 when _next < _options.Pods:
                var name = $"churn-{_next:D5}";
                try
                {
                    await _client.CoreV1.CreateNamespacedPodAsync(Pod(name), FaultSoak.Namespace, cancellationToken: _stop.Token);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
                {
                    // Created by an attempt whose answer was lost.
                }

                _live.Add(name);
                _next++;
                Creates++;
                return true;
            case 1 when _live.Count > 0:
                var target = _live[_random.Next(_live.Count)];
                var ip = ++_ip;
                var patch = $"{{\"status\":{{\"phase\":\"Running\",\"podIP\":\"10.250.{ip / 250 % 250}.{ip % 250 + 1}\"}}}}";
                try
                {
                    await _client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), target, FaultSoak.Namespace, cancellationToken: _stop.Token);
                    Patches++;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    _live.Remove(target);
                }

                return true;
            case 2 when _live.Count > _keep:
                var oldest = _live[0];
                try
                {
                    await _client.CoreV1.DeleteNamespacedPodAsync(oldest, FaultSoak.Namespace, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: _stop.Token);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    // Deleted by an attempt whose answer was lost.
                }

                _live.RemoveAt(0);
                Deletes++;
                return true;
            default:
                return true;
        }
    }

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "churn" } },
        Spec = new V1PodSpec { NodeName = "soak-node", Containers = [new V1Container { Name = "c", Image = "nginx" }] },
    };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
