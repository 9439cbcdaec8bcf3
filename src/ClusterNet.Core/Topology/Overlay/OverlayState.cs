namespace ClusterNet.Core.Topology.Overlay;

/// <summary>A pod's state in the reachability overlay: the chosen pod, or the verdict for the pair.</summary>
public enum OverlayState
{
    Origin,
    Allowed,
    Denied,
    /// <summary>Implementation-defined (an ipBlock matching a pod IP, or a hostNetwork pod).</summary>
    Depends,
}

public static class OverlayStateText
{
    /// <summary>The word the graph script and CSS use (<c>ov-denied</c>, <c>cn-overlay-swatch--denied</c>, <c>data-state</c>).</summary>
    public static string Wire(this OverlayState state) => state switch
    {
        OverlayState.Origin => "origin",
        OverlayState.Allowed => "allowed",
        OverlayState.Denied => "denied",
        _ => "depends",
    };
}
