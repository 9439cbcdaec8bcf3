using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>pod.spec.hostAliases entry: kubelet writes "Ip Hostnames..." into the pod's /etc/hosts.</summary>
public sealed record HostAliasInfo(string Ip, ImmutableArray<string> Hostnames);
