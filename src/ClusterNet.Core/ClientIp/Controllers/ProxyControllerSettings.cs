using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// The client-IP settings of a reverse-proxy Ingress controller, reduced to what decides the client address:
/// <list type="bullet">
/// <item>PROXY protocol: accepted at all, from which senders (empty = every sender), and whether a listed sender
/// must send it (Traefik reads it when present; HAProxy and Envoy require it).</item>
/// <item>X-Forwarded-For: trusted from which senders (<see cref="XffTrustedFrom"/>, "0.0.0.0/0" = everyone), or by hop
/// count (Envoy's xff_num_trusted_hops), and what the controller forwards (<see cref="XffHandling"/>).</item>
/// <item>A header the controller takes its source address from, unconditionally (haproxytech src-ip-header).</item>
/// </list>
/// <see cref="Lines"/> lists every setting with where its value came from ("assumed" where it is a documented default).
/// </summary>
internal sealed record ProxyControllerSettings
{
    public required IngressControllerKind Kind { get; init; }
    public bool AcceptsProxyProtocol { get; init; }
    public ImmutableArray<string> ProxyProtocolFrom { get; init; } = [];
    public bool ProxyProtocolRequired { get; init; } = true;
    public ImmutableArray<string> XffTrustedFrom { get; init; } = [];
    /// <summary>Envoy: xff_num_trusted_hops; null for the others.</summary>
    public int? TrustedHops { get; init; }
    public required ProxyXffHandling XffHandling { get; init; }
    public string? SourceHeader { get; init; }
    /// <summary>Where the fixes go: "ConfigMap ns/name", "Deployment ns/name" (args).</summary>
    public required string Target { get; init; }
    public ImmutableArray<ClientIpEvidence> Lines { get; init; } = [];
    public ImmutableArray<string> Problems { get; init; } = [];
    public ImmutableArray<string> Notes { get; init; } = [];

    public bool TrustsEveryoneForXff => XffTrustedFrom.Any(IsEveryone);

    public bool ProxyProtocolFromEveryone => AcceptsProxyProtocol && (ProxyProtocolFrom.IsDefaultOrEmpty || ProxyProtocolFrom.Any(IsEveryone));

    internal static bool IsEveryone(string cidr) => cidr.Trim() is "0.0.0.0/0" or "::/0";

    internal static ClientIpEvidence Read(string field, string value, string where) => new(field, value, where);

    internal static ClientIpEvidence Assumed(string field, string value, string product) => new(field, value, $"assumed: {product}'s documented default (not set in the snapshot)");
}
