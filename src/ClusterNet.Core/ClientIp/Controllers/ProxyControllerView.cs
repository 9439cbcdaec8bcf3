using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// What a reverse-proxy controller makes of the traffic that reaches it: whom it takes for the client, whether a client
/// can choose that, whether a load balancer's X-Forwarded-For is lost, and the headers the app receives, with the
/// position of the client's address in X-Forwarded-For counted from the right (1 = last entry; null = not there).
/// </summary>
internal sealed record ProxyControllerView
{
    public required RemoteAddrIs ControllerClient { get; init; }
    public required string ControllerClientText { get; init; }
    public bool Forgeable { get; init; }
    public string? ForgeWhy { get; init; }
    public bool LbHeaderDropped { get; init; }
    public string? BrokenReason { get; init; }
    /// <summary>The PROXY preamble of the load balancer is read (the controller learns the client from it).</summary>
    public bool ProxyProtocolUsed { get; init; }
    public int? ClientFromRight { get; init; }
    /// <summary>Envoy (Contour) with a hop count that does not match the proxies in front.</summary>
    public bool HopCountMismatch { get; init; }
    public ImmutableArray<ClientIpHeaderView> Headers { get; init; } = [];
    public ImmutableArray<string> Reasoning { get; init; } = [];
}
