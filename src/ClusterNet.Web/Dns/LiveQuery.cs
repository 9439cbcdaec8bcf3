using ClusterNet.Core.Dns;

namespace ClusterNet.Web.Dns;

/// <summary>
/// One predicted query beside what the live server said: its reply as the simulator read it, the latency, and whether
/// the live reply is the one the prediction used (a repeated query shows the first live answer).
/// </summary>
public sealed record LiveQuery(SimulatedQuery Predicted, DnsReply? Live, double? LatencyMs, string? Error)
{
    public bool Sent => Live is not null || Error is not null;
}
