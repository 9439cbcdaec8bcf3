using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;
using ClusterNet.Core.Topology.Levels;
using ClusterNet.Core.Topology.Overlay;

namespace ClusterNet.Web.PageModels.Topology;

/// <summary>Everything the Topology page shows for one snapshot, URL and selection; immutable, rebuilt by <see cref="TopologyPageModel"/>.</summary>
public sealed record TopologyView
{
    public required TopologyGraph Graph { get; init; }
    /// <summary>The level drawn: <see cref="LevelView.Drawn"/> goes to the graph instead of <see cref="Graph"/>.</summary>
    public required LevelView Level { get; init; }
    /// <summary>The level as asked for (URL, plus the selected pod as focus below the pods level).</summary>
    public required LevelQuery LevelQuery { get; init; }
    /// <summary>Why the URL's level or focus was not understood (the level falls back to auto).</summary>
    public string? LevelError { get; init; }
    /// <summary>The drawn element standing for the selection (itself, or the counted box it is folded into).</summary>
    public string? DrawnSelectedId { get; init; }
    /// <summary>The walk's path as drawn (folded parts replaced by their boxes).</summary>
    public required ImmutableArray<string> DrawnPath { get; init; }
    public required long Version { get; init; }
    public required bool Disconnected { get; init; }
    /// <summary>Kinds the topology needs that could not be read (<see cref="TopologyCompleteness"/>).</summary>
    public required ImmutableArray<string> IncompleteKinds { get; init; }
    /// <summary>The graph's findings above Info, for the page's list.</summary>
    public required ImmutableArray<Finding> Warnings { get; init; }
    public required TopologyFacts Facts { get; init; }
    public required ImmutableArray<string> Namespaces { get; init; }
    public required ImmutableArray<string> Nodes { get; init; }
    /// <summary>"ns/name" of every pod: sources of a walk, pods of the overlay.</summary>
    public required ImmutableArray<string> Pods { get; init; }
    /// <summary>Pods plus "svc/ns/name" of every Service with a ClusterIP: destinations of a walk.</summary>
    public required ImmutableArray<string> WalkTargets { get; init; }
    public required TopologyQuery Query { get; init; }

    /// <summary>The walk's URL values as given (the form starts from them).</summary>
    public required WalkForm WalkForm { get; init; }
    /// <summary>The walk result, also for a walk that did not parse (its message in <see cref="PacketWalkResult.Error"/>); null without both ends.</summary>
    public PacketWalkResult? Walk { get; init; }
    /// <summary>Element and edge ids of the walked path, to highlight.</summary>
    public required ImmutableArray<string> Path { get; init; }
    /// <summary>
    /// True once after the walk's "from" was set or changed with no "to" (e.g. "Walk a packet from here"): the page scrolls
    /// to and focuses the walk's To field.
    /// </summary>
    public bool FocusWalkTo { get; init; }

    public required OverlayQuery OverlayQuery { get; init; }
    public ReachabilityOverlay? Overlay { get; init; }
    /// <summary>Element id → overlay state for the graph; null while the overlay is off or has no pod.</summary>
    public ImmutableDictionary<string, OverlayState>? OverlayStates { get; init; }
    /// <summary>Why there is no overlay although it is on (no pod chosen, port out of range, unknown pod).</summary>
    public string? OverlayMessage { get; init; }

    public string? SelectedElementId { get; init; }
    /// <summary>The pod selected on the graph, when the selection is a pod.</summary>
    public ObjectKey? SelectedPod { get; init; }

    /// <summary>Base of export file names: "topology-Demo-cluster-v12".</summary>
    public required string FileStem { get; init; }
}

/// <summary>The facts line above the graph, worded once.</summary>
public sealed record TopologyFacts(
    string Cni,
    string CniSignals,
    string? FlannelBackend,
    string? FlannelSource,
    string KubeProxy,
    string KubeProxySource,
    int PodMtu,
    string Policy,
    string SubnetNote);

/// <summary>The walk form's starting values (URL values, defaults otherwise).</summary>
public sealed record WalkForm(string? From, string? To, int Port, string Protocol);
