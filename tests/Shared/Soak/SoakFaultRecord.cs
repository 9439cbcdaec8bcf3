namespace ClusterNet.Testing;

/// <summary>
/// One injected fault: whether the store noticed the outage (and how fast), and how long after the fault ended its
/// snapshot equalled the server again. <see cref="Difference"/> is empty when it did.
/// </summary>
public sealed record SoakFaultRecord(string Fault, bool OutageSeen, TimeSpan? OutageSeenAfter, TimeSpan Recovered, string Difference, int PodsOnServer)
{
    public bool Equal => Difference.Length == 0;

    public override string ToString() =>
        $"{Fault,-22} outage {(OutageSeen ? $"seen after {OutageSeenAfter?.TotalSeconds:0.0} s" : "not seen"),-20} " +
        $"equal to the server {Recovered.TotalSeconds:0.00} s after the fault ended ({PodsOnServer} pods)" + (Equal ? "" : $" — DIFFERS: {Difference}");
}
