namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>What a reverse-proxy controller does with an incoming X-Forwarded-For before sending it to the app.</summary>
internal enum ProxyXffHandling
{
    /// <summary>Replaced by the controller's source address (HAProxy Ingress forwardfor add; the incoming value moves to X-Original-Forwarded-For).</summary>
    Replace,

    /// <summary>Kept, and the controller's source address appended (Envoy, HAProxy option forwardfor, HAProxy Ingress forwardfor update).</summary>
    Append,

    /// <summary>Kept only from trusted senders, else dropped; the source address appended (Traefik forwardedHeaders).</summary>
    AppendIfTrusted,

    /// <summary>Passed on untouched, nothing added (HAProxy Ingress forwardfor ignore).</summary>
    PassThrough,

    /// <summary>Kept when present, else the source address added (HAProxy Ingress forwardfor ifmissing).</summary>
    AddIfMissing,

    /// <summary>No X-Forwarded-For is added and an incoming one passes as is (haproxytech forwarded-for false).</summary>
    None,
}
