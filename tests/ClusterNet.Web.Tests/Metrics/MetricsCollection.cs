namespace ClusterNet.Web.Tests.Metrics;

/// <summary>Tests that scrape /metrics: not run in parallel with anything else (see <see cref="MetricsEndpointTests"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics";
}
