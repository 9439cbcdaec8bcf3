namespace ClusterNet.Core.Topology.Overlay;

/// <summary>One legend line: the state, its text marker (colour is never the only carrier), the words and the count.</summary>
public sealed record OverlayLegendItem(OverlayState State, string Mark, string Text, int Count);
