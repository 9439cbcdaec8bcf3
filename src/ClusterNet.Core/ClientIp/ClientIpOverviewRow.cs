namespace ClusterNet.Core.ClientIp;

/// <summary>
/// One row of the "is the client IP preserved?" table: an exposed Service (NodePort, LoadBalancer, externalIPs,
/// or an Ingress backend), how it is exposed, and the outcome for outside clients.
/// </summary>
public sealed record ClientIpOverviewRow(
    string Namespace,
    string Name,
    string Type,
    string ExternalTrafficPolicy,
    string ExposedVia,
    ClientIpOutcome Outcome,
    string Reason);
