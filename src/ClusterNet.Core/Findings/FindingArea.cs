namespace ClusterNet.Core.Findings;

/// <summary>Which analyzer raised a finding: the pages filter on it, the sort does not.</summary>
public enum FindingArea
{
    Input,
    Topology,
    Policy,
    Dns,
    ClientIp,
}
