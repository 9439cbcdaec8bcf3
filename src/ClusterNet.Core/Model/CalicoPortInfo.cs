namespace ClusterNet.Core.Model;

/// <summary>
/// One entry of a Calico <c>ports</c>/<c>notPorts</c> list: a number (First = Last), a range "80:90", or a named port
/// (Name set, resolved against the endpoint's container ports).
/// </summary>
public sealed record CalicoPortInfo(int First, int Last, string? Name = null)
{
    public static CalicoPortInfo Number(int port) => new(port, port);

    public static CalicoPortInfo Named(string name) => new(0, 0, name);

    public override string ToString() => Name ?? (First == Last ? $"{First}" : $"{First}:{Last}");
}
