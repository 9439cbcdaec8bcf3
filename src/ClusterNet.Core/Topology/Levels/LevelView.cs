using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology.Levels;

/// <summary>
/// One level of the topology: <see cref="Drawn"/> is the source graph with its elements and edges replaced by what this
/// level draws (kept elements as they are, folded ones replaced by counted <see cref="LevelKind.Group"/> or collapsed node
/// boxes), so the page's delta machinery applies unchanged.
/// </summary>
public sealed record LevelView
{
    /// <summary>The level drawn (Auto resolved).</summary>
    public required GraphLevel Level { get; init; }
    /// <summary>The open node (node level).</summary>
    public string? Node { get; init; }
    /// <summary>The focused pod's element id, when it is in the graph.</summary>
    public string? FocusId { get; init; }
    /// <summary>The open node's counted box drawn pod by pod (namespace/workload), when one was opened.</summary>
    public ObjectKey? Group { get; init; }
    public required TopologyGraph Drawn { get; init; }
    /// <summary>Element id of every folded source element → the drawn element standing for it.</summary>
    public required IReadOnlyDictionary<string, string> FoldedInto { get; init; }
    /// <summary>A short key of level + node + focus: a change means a new picture (fresh layout), not a delta.</summary>
    public string Key => Group is { } g ? $"{Level}|{Node}|{FocusId}|{g}" : $"{Level}|{Node}|{FocusId}";

    /// <summary>The drawn element that shows <paramref name="id"/>: itself, its fold, or null.</summary>
    public string? Shown(string id) =>
        FoldedInto.TryGetValue(id, out var into) ? into : Drawn.Element(id) is not null ? id : null;
}
