namespace ClusterNet.Core.Policy.Calico;

/// <summary>One net of a Calico network set, named as the explanation shows it: "GlobalNetworkSet `blocklist` 10.9.0.0/16".</summary>
internal sealed record CalicoSetNet(string Kind, string Name, CidrRange Net)
{
    public override string ToString() => $"{Kind} `{Name}` {Net}";
}
