using System.Text.Json;

namespace ClusterNet.Kubernetes.Tests.Live.Mock;

/// <summary>JSON as kube-apiserver sends it, for the mock server's scripts.</summary>
public static class KubeJson
{
    public static string Pod(string ns, string name, string rv, string? ip = null) => JsonSerializer.Serialize(new
    {
        kind = "Pod",
        apiVersion = "v1",
        metadata = new { name, @namespace = ns, uid = $"uid-{ns}-{name}", resourceVersion = rv },
        spec = new { nodeName = "node-1", containers = new[] { new { name = "c", image = "nginx" } } },
        status = ip is null ? (object)new { phase = "Pending" } : new { phase = "Running", podIP = ip, podIPs = new[] { new { ip } } },
    });

    public static string Node(string name, string rv) => JsonSerializer.Serialize(new
    {
        kind = "Node",
        apiVersion = "v1",
        metadata = new { name, resourceVersion = rv },
        spec = new { podCIDR = "10.244.1.0/24" },
    });

    public static string List(string kind, string rv, params string[] items) =>
        $$"""{"kind":"{{kind}}","apiVersion":"v1","metadata":{"resourceVersion":"{{rv}}"},"items":[{{string.Join(",", items)}}]}""";

    public static string Page(string kind, string? rv, string? continueToken, long? remaining, params string[] items)
    {
        var meta = new Dictionary<string, object?> { ["resourceVersion"] = rv };
        if (continueToken is not null)
        {
            meta["continue"] = continueToken;
        }

        if (remaining is not null)
        {
            meta["remainingItemCount"] = remaining;
        }

        return $$"""{"kind":"{{kind}}","apiVersion":"v1","metadata":{{JsonSerializer.Serialize(meta)}},"items":[{{string.Join(",", items)}}]}""";
    }

    public static string Event(string type, string obj) => $$"""{"type":"{{type}}","object":{{obj}}}""";

    public static string Bookmark(string kind, string rv) =>
        Event("BOOKMARK", $$$"""{"kind":"{{{kind}}}","apiVersion":"v1","metadata":{"resourceVersion":"{{{rv}}}"}}""");

    public static string ErrorEvent(int code, string reason, string message) =>
        Event("ERROR", $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":{{JsonSerializer.Serialize(message)}},"reason":"{{reason}}","code":{{code}}}""");
}
