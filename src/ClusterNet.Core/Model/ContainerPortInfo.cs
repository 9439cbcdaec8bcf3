namespace ClusterNet.Core.Model;

/// <summary>containerPort entry. Protocol is TCP, UDP or SCTP (TCP when the manifest omits it).</summary>
public sealed record ContainerPortInfo(string? Name, int Port, string Protocol = "TCP", int? HostPort = null);
