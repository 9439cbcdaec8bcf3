namespace ClusterNet.Core.Model;

public sealed record LoadBalancerIngressInfo(string? Ip, string? Hostname);
