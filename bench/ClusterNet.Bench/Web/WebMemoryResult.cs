namespace ClusterNet.Bench.Web;

/// <summary>What `web-memory` measured; the circuit figures are set only when it opened more than one circuit.</summary>
public sealed record WebMemoryResult(WebMemorySample Before, WebMemorySample After)
{
    public WebMemorySample? One { get; init; }

    public WebMemorySample? Many { get; init; }

    public WebMemorySample? AfterChanges { get; init; }

    public int Circuits { get; init; }

    public double MemoryPerCircuit { get; init; }

    public TimeSpan CpuPerSnapshot { get; init; }

    public IReadOnlyList<string> Lines { get; init; } = [];
}
