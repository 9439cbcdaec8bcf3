namespace ClusterNet.Core.Topology;

/// <summary>Where node segments come from: "configured" (Topology:NodeSubnets), "inferred" (grouped node IPs) and a sentence saying so.</summary>
public sealed record NodeSubnetInfo(string Source, string Note)
{
    public const string Configured = "configured";
    public const string Inferred = "inferred";
}
