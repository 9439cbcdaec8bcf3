namespace ClusterNet.Core.Topology.Overlay;

/// <summary>Which way the reachability overlay looks from the chosen pod: whom it reaches, or who reaches it.</summary>
public enum OverlayDirection
{
    /// <summary>The chosen pod is the source; the other pods are destinations (URL <c>overlay=from</c>).</summary>
    From,

    /// <summary>The chosen pod is the destination; the other pods are sources (URL <c>overlay=to</c>).</summary>
    To,
}
