namespace ClusterNet.Core.ClientIp;

/// <summary>What the application can learn about the client's address.</summary>
public enum ClientIpOutcome
{
    /// <summary>The socket's remote address is the client.</summary>
    Preserved,

    /// <summary>The socket shows a proxy; the client is in a header (X-Forwarded-For, X-Real-IP) or the PROXY protocol preamble.</summary>
    PreservedInHeader,

    /// <summary>The client address is replaced on the way (SNAT, a proxying load balancer) and nothing carries it.</summary>
    Lost,

    /// <summary>The configuration breaks requests (PROXY protocol on one side only).</summary>
    Broken,

    /// <summary>No traffic to analyse (ExternalName, no ports).</summary>
    NotApplicable,

    /// <summary>Not enough information in the snapshot to say.</summary>
    Unknown,
}
