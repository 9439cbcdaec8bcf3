using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClusterNet.Web.Metrics;

/// <summary>Counts open circuits for <see cref="DashboardMetrics"/>; one instance per circuit.</summary>
internal sealed class CircuitMetricsHandler(DashboardMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
