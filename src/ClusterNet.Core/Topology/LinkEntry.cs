using System.Text;

namespace ClusterNet.Core.Topology;

/// <summary>One predicted device of <c>ip link</c>; <see cref="ToString"/> prints the two lines iproute2 prints.</summary>
public sealed record LinkEntry
{
    public required int Index { get; init; }
    /// <summary>Name as printed, including "@ifN"/"@NONE" suffixes.</summary>
    public required string Name { get; init; }
    public required string Flags { get; init; }
    public required int Mtu { get; init; }
    public string Qdisc { get; init; } = "noqueue";
    public string? Master { get; init; }
    public string State { get; init; } = "UNKNOWN";
    /// <summary>link/ether, link/loopback, link/ipip, link/none.</summary>
    public string LinkType { get; init; } = "link/ether";
    /// <summary>MAC address, or null when the API does not tell (printed as "?").</summary>
    public string? Address { get; init; }
    public string Broadcast { get; init; } = "ff:ff:ff:ff:ff:ff";
    public string? Extra { get; init; }
    /// <summary>The element this device is drawn as.</summary>
    public string? ElementId { get; init; }
    public string? Note { get; init; }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Index).Append(": ").Append(Name).Append(": <").Append(Flags).Append("> mtu ").Append(Mtu).Append(" qdisc ").Append(Qdisc);
        if (Master is not null)
        {
            sb.Append(" master ").Append(Master);
        }

        sb.Append(" state ").Append(State).Append(" mode DEFAULT group default");
        sb.Append("\n    ").Append(LinkType);
        if (LinkType != "link/none")
        {
            sb.Append(' ').Append(Address ?? "?").Append(" brd ").Append(Broadcast);
        }

        if (Extra is not null)
        {
            sb.Append(' ').Append(Extra);
        }

        return sb.ToString();
    }
}
