namespace ClusterNet.Bench.Web;

/// <summary>What `web-memory` measured; the circuit figures are set only when it opened more than one circuit.</summary>
public sealed record WebMemoryResult(WebMemorySample Before, WebMemorySample After)
{
    public WebMemorySample? One { get; init; }

    public WebMemorySample? Many { get; init; }

    public WebMemorySample? AfterChanges { get; init; }

    public int Circuits { get; init; }

    public double MemoryPerCircuit { get; init; }

    /// <summary>Server CPU per published snapshot, the idle rate (timers, keep-alives) subtracted.</summary>
    public TimeSpan CpuPerSnapshot { get; init; }

    /// <summary>Server CPU per published snapshot as measured (idle included).</summary>
    public TimeSpan MeasuredCpuPerSnapshot { get; init; }

    public IReadOnlyList<string> Lines { get; init; } = [];
}
