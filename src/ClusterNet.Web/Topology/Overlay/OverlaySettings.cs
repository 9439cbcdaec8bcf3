namespace ClusterNet.Web.Topology.Overlay;

/// <summary>What the overlay controls ask for; the page writes it to the URL (<c>overlay=from&amp;oport=80&amp;oproto=TCP&amp;opod=ns/pod</c>).</summary>
/// <param name="Direction">Null: overlay off.</param>
/// <param name="Pod">"ns/name"; null means the pod selected on the graph.</param>
public sealed record OverlaySettings(OverlayDirection? Direction, int Port, string Protocol, string? Pod);
