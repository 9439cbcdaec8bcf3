using System.Net;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>One end of a connection: a pod (namespace/name) or an IP outside the pod set (for ipBlock questions).</summary>
public sealed record ReachEndpoint
{
    private ReachEndpoint(ObjectKey? pod, string? ip)
    {
        Pod = pod;
        Ip = ip;
    }

    public ObjectKey? Pod { get; }

    public string? Ip { get; }

    public bool IsPod => Pod is not null;

    public static ReachEndpoint OfPod(string @namespace, string name) => new(new ObjectKey(@namespace, name), null);

    public static ReachEndpoint OfPod(ObjectKey key) => new(key, null);

    public static ReachEndpoint External(string ip) =>
        IPAddress.TryParse(ip, out _) ? new ReachEndpoint(null, ip) : throw new ArgumentException($"'{ip}' is not an IP address", nameof(ip));

    /// <summary>"ns/pod" for a pod, the address for an external IP; also accepts either form.</summary>
    public static bool TryParse(string text, out ReachEndpoint endpoint)
    {
        endpoint = null!;
        if (IPAddress.TryParse(text, out _))
        {
            endpoint = new ReachEndpoint(null, text);
            return true;
        }

        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        endpoint = new ReachEndpoint(new ObjectKey(text[..slash], text[(slash + 1)..]), null);
        return true;
    }

    public override string ToString() => Pod?.ToString() ?? Ip!;
}
