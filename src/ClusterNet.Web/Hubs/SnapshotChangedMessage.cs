using System.Collections.Immutable;

namespace ClusterNet.Web.Hubs;

/// <summary>The hub's <c>SnapshotChanged</c> payload: {version, changedKinds, counts} (kind names as in ResourceKind).</summary>
public sealed record SnapshotChangedMessage(long Version, ImmutableArray<string> ChangedKinds, IReadOnlyDictionary<string, int> Counts);
