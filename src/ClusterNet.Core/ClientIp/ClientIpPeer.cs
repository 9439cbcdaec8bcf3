using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Who a socket's remote address belongs to, as the app (or a proxy) sees it. JSON: kebab-case words ("client", "node",
/// "load-balancer", "ingress-controller", "pod", "external", "gateway"), as the contract has always written them.
/// </summary>
public enum ClientIpPeer
{
    Client,
    Node,
    LoadBalancer,
    IngressController,
    Pod,
    External,
    /// <summary>A Gateway API data-plane proxy pod.</summary>
    Gateway,
}

/// <summary>What a Service's backend socket sees after the way in (load balancer, nodes): a subset of <see cref="ClientIpPeer"/>.</summary>
internal enum BackendSees
{
    Client,
    Node,
    LoadBalancer,
}

/// <summary>ingress-nginx's $remote_addr after the realip module.</summary>
internal enum RemoteAddrIs
{
    Client,
    Node,
    LoadBalancer,
    /// <summary>No request gets through (PROXY protocol on one side only).</summary>
    Broken,
    /// <summary>How traffic reaches the controller is not in the snapshot.</summary>
    Unknown,
}

/// <summary>Conversions between the closed sets.</summary>
internal static class ClientIpPeers
{
    public static ClientIpPeer Of(BackendSees sees) => sees switch
    {
        BackendSees.Client => ClientIpPeer.Client,
        BackendSees.Node => ClientIpPeer.Node,
        _ => ClientIpPeer.LoadBalancer,
    };

    public static RemoteAddrIs AsRemoteAddr(BackendSees sees) => sees switch
    {
        BackendSees.Client => RemoteAddrIs.Client,
        BackendSees.Node => RemoteAddrIs.Node,
        _ => RemoteAddrIs.LoadBalancer,
    };
}

/// <summary>Writes an enum as its kebab-case name ("LoadBalancer" → "load-balancer") and reads it back.</summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
