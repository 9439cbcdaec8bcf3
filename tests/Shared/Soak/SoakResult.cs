namespace ClusterNet.Testing;

/// <summary>Everything a soak run measured.</summary>
public sealed record SoakResult(IReadOnlyList<SoakFaultRecord> Faults, SoakFaultRecord Final, int Creates, int Patches, int Deletes, int FailedOperations, int RelistsAfterExpiry, TimeSpan Duration)
{
    public bool AllEqual => Final.Equal && Faults.All(f => f.Equal);

    public override string ToString() =>
        string.Join('\n', Faults.Select(f => f.ToString())) + "\n" + Final + "\n" +
        $"churn: {Creates} creates, {Patches} status patches, {Deletes} deletes, {FailedOperations} refused while faulted; " +
        $"relists after 410: {RelistsAfterExpiry}; {Duration.TotalSeconds:0} s in all; recovery max {Faults.Select(f => f.Recovered).DefaultIfEmpty().Max().TotalSeconds:0.00} s, " +
        $"median {Median(Faults.Select(f => f.Recovered.TotalSeconds)):0.00} s";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
