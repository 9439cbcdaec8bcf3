namespace ClusterNet.Core.Model;

/// <summary>One endpoint address. TargetRef is "Pod/ns/name" style key of the backing object when known.</summary>
public sealed record EndpointAddressInfo(string Ip, string? NodeName, bool Ready, string? TargetKind = null, string? TargetNamespace = null, string? TargetName = null);
