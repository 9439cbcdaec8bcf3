namespace ClusterNet.Core.Model;

/// <summary>A Service port. TargetPort is a number or a container port name, as written (null means same as Port).</summary>
public sealed record ServicePortInfo(string? Name, int Port, string Protocol = "TCP", string? TargetPort = null, int? NodePort = null, string? AppProtocol = null);
