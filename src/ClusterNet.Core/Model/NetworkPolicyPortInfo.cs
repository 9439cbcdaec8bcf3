namespace ClusterNet.Core.Model;

/// <summary>ports entry. Protocol null means TCP; Port null means every port; Port is a number or a named port as written.</summary>
public sealed record NetworkPolicyPortInfo(string? Protocol, string? Port, int? EndPort = null);
