using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Store;

/// <summary>Published when a new snapshot is available: what the hub sends as SnapshotChanged.</summary>
public sealed record SnapshotChange(long Version, ImmutableArray<string> ChangedKinds, ImmutableDictionary<string, int> Counts, ClusterSnapshot Snapshot);
