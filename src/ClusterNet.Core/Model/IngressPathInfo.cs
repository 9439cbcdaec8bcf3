namespace ClusterNet.Core.Model;

/// <summary>An Ingress HTTP path. BackendPort is a number or a port name, as written.</summary>
public sealed record IngressPathInfo(string? Path, string? PathType, string? BackendService, string? BackendPort);
