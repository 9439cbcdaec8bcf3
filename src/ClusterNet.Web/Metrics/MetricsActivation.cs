namespace ClusterNet.Web.Metrics;

/// <summary>
/// Creates <see cref="DashboardMetrics"/> when the host starts: its observable instruments exist only once it is
/// constructed, and constructing it earlier (while the pipeline is built) would open the cluster source before the
/// source's own hosted service reports a bad configuration the usual way.
/// </summary>
internal sealed class MetricsActivation(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<DashboardMetrics>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
