namespace ClusterNet.Core.Model;

public sealed record EndpointPortInfo(string? Name, int Port, string Protocol = "TCP");
