using System.Globalization;

namespace ClusterNet.Core.Policy;

/// <summary>A destination port and protocol (TCP, UDP or SCTP), written "80/TCP".</summary>
public readonly record struct ReachProbe(int Port, string Protocol)
{
    public static readonly IReadOnlyList<string> Protocols = ["TCP", "UDP", "SCTP"];

    public static ReachProbe Tcp(int port) => new(port, "TCP");

    /// <summary>Parses "80/TCP", "53/udp" or "8080" (TCP). Returns false with a reason for anything else.</summary>
    public static bool TryParse(string? text, out ReachProbe probe, out string error)
    {
        probe = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty probe; expected PORT/PROTO such as 80/TCP";
            return false;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}' is not PORT/PROTO with PORT 1-65535 (e.g. 80/TCP)";
            return false;
        }

        var proto = parts.Length == 2 ? parts[1].Trim().ToUpperInvariant() : "TCP";
        if (!Protocols.Contains(proto))
        {
            error = $"'{text}': protocol must be TCP, UDP or SCTP";
            return false;
        }

        probe = new ReachProbe(port, proto);
        return true;
    }

    public static ReachProbe Parse(string text) =>
        TryParse(text, out var p, out var e) ? p : throw new FormatException(e);

    public override string ToString() => $"{Port}/{Protocol}";
}
