namespace ClusterNet.Web.Metrics;

/// <summary>
/// The Prometheus scrape endpoint (section <c>Metrics</c>). Without <see cref="Port"/> it is served on the app's port
/// behind the same login as the API (scrape with <c>Authorization: Bearer TOKEN</c>). With a port it answers anonymously,
/// but only on connections to that port, which the Service exposes to Prometheus and the Ingress does not.
/// </summary>
public sealed record MetricsOptions
{
    public const string SectionName = "Metrics";

    public bool Enabled { get; init; } = true;

    public string Path { get; init; } = "/metrics";

    /// <summary>A local port Kestrel also listens on (add it to the URLs); null serves metrics on every port, authenticated.</summary>
    public int? Port { get; init; }
}
