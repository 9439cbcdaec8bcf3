using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>Pure diff of two graphs by element/edge id: what a live page applies instead of redrawing.</summary>
public static class TopologyDiff
{
    public static TopologyDelta Compute(TopologyGraph? previous, TopologyGraph current)
    {
        if (previous is null)
        {
            return new TopologyDelta { FromVersion = 0, ToVersion = current.Version, Added = current.Elements, AddedEdges = current.Edges };
        }

        var (added, removed, changed) = Diff(previous.Elements, current.Elements, e => e.Id);
        var (addedEdges, removedEdges, changedEdges) = Diff(previous.Edges, current.Edges, e => e.Id);
        return new TopologyDelta
        {
            FromVersion = previous.Version,
            ToVersion = current.Version,
            Added = added,
            Removed = removed,
            Changed = changed,
            AddedEdges = addedEdges,
            RemovedEdges = removedEdges,
            ChangedEdges = changedEdges,
        };
    }

    /// <summary>Keeps the current graph's order for added/changed items, which the builder makes parents-first.</summary>
    private static (ImmutableArray<T> Added, ImmutableArray<string> Removed, ImmutableArray<T> Changed) Diff<T>(
        ImmutableArray<T> before, ImmutableArray<T> after, Func<T, string> id) where T : IEquatable<T>
    {
        var old = new Dictionary<string, T>(before.Length, StringComparer.Ordinal);
        foreach (var item in before)
        {
            old[id(item)] = item;
        }

        var added = ImmutableArray.CreateBuilder<T>();
        var changed = ImmutableArray.CreateBuilder<T>();
        var seen = new HashSet<string>(after.Length, StringComparer.Ordinal);
        foreach (var item in after)
        {
            var key = id(item);
            seen.Add(key);
            if (!old.TryGetValue(key, out var was))
            {
                added.Add(item);
            }
            else if (!was.Equals(item))
            {
                changed.Add(item);
            }
        }

        var removed = before.Select(id).Where(k => !seen.Contains(k)).ToImmutableArray();
        return (added.ToImmutable(), removed, changed.ToImmutable());
    }
}
