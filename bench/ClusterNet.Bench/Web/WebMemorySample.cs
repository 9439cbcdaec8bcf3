namespace ClusterNet.Bench.Web;

/// <summary>The server after a full GC: working set, managed heap, open circuits and each cache's figures.</summary>
public sealed record WebMemorySample(string Label, long WorkingSet, long Heap, long Circuits, IReadOnlyList<WebCacheFigure> Caches);
