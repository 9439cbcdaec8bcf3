namespace ClusterNet.Web.Topology.Overlay;

/// <summary>The per-pod states the graph script colours; the strings are the CSS-like classes' suffixes (<c>ov-denied</c>).</summary>
public static class OverlayState
{
    public const string Origin = "origin";
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Depends = "depends";
}
