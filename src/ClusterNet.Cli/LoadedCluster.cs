using ClusterNet.Core.Model;

namespace ClusterNet.Cli;

/// <summary>A command's cluster and how messages name it ("&lt;fixtures&gt;/cluster.yaml", "context 'kind-dev'").</summary>
public sealed record LoadedCluster(ClusterSnapshot Snapshot, string Name);
