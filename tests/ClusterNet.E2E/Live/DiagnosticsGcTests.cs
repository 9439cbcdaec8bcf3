using ClusterNet.Testing.LiveScale;

namespace ClusterNet.E2E.Live;

/// <summary>The live-scale run's "working set after a full GC" is only meaningful if the IPC request really collects.</summary>
public sealed class DiagnosticsGcTests
{
    [Fact]
    public async Task InduceAsync_OwnProcess_RunsAFullCollection()
    {
        var before = GC.CollectionCount(2);

        await DiagnosticsGc.InduceAsync(Environment.ProcessId);

        Assert.True(GC.CollectionCount(2) > before, $"gen2 collections stayed at {before}");
    }
}
