namespace ClusterNet.Core.ClientIp.Migration;

/// <summary>Today's answer for the Ingress (first route), in the preview's columns: outcome, verdict, what the app reads, and the controller's Service policy and PROXY protocol the preview carries over.</summary>
public sealed record MigrationToday(
    ClientIpOutcome Outcome,
    string Verdict,
    string ClientIpFrom,
    string? XForwardedFor,
    string ServicePolicy,
    bool LoadBalancerSendsProxyProtocol,
    bool Forgeable);
