using ClusterNet.Core.Store;

namespace ClusterNet.Web.Sources;

/// <summary>Starts the selected <see cref="IClusterSource"/> with the host; the DI container disposes it on shutdown.</summary>
public sealed class ClusterSourceHostedService(IClusterSource source, ILogger<ClusterSourceHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Starting cluster source {SourceType} '{SourceName}'", source.Info.Type, source.Info.Name);
        await source.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Stopping cluster source {SourceType} '{SourceName}'", source.Info.Type, source.Info.Name);
        return Task.CompletedTask;
    }
}
