using System.Text.Json;

namespace ClusterNet.Testing.LiveScale;

/// <summary>
/// JSON bodies of the synthetic cluster the live-scale run creates: nodes with a pod CIDR and a Ready condition,
/// namespaces labelled by team/env, pods of ten apps owned by ReplicaSets with a named container port and a Running
/// status, and NetworkPolicies of the shapes the policy benchmark uses (default deny, app allow-lists, cross-namespace by
/// label, egress with an ipBlock). Deterministic: pod i always has the same name, node and IP.
/// </summary>
public static class ScaleManifests
{
    public const string NamespacePrefix = "scale-";

    private static readonly string[] Apps = ["web", "api", "worker", "db", "cache", "auth", "search", "queue", "billing", "report"];

    public static string NodeName(int n) => $"scale-node-{n:D3}";

    public static string NamespaceName(int n) => $"{NamespacePrefix}{n:D4}";

    public static string PodName(int i) => $"{Apps[i % Apps.Length]}-{i}";

    /// <summary>Node n owns 10.(64+n/256).(n%256).0/24; pod i is the (i/nodes)-th pod of node i%nodes (at most 252 per node).</summary>
    public static string PodCidr(int n) => $"10.{64 + (n >> 8)}.{n & 255}.0/24";

    public static string PodIp(int i, int nodes)
    {
        var n = i % nodes;
        return $"10.{64 + (n >> 8)}.{n & 255}.{2 + (i / nodes)}";
    }

    public static string NodeIp(int n) => $"192.168.{n >> 8}.{n & 255}";

    public static string Node(int n) => JsonSerializer.Serialize(new
    {
        apiVersion = "v1",
        kind = "Node",
        metadata = new { name = NodeName(n), labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = NodeName(n), ["topology.kubernetes.io/zone"] = $"zone-{n % 4}" } },
        spec = new { podCIDR = PodCidr(n), podCIDRs = new[] { PodCidr(n) } },
    });

    public static string NodeStatus(int n, string now) => JsonSerializer.Serialize(new
    {
        status = new
        {
            conditions = new[] { new { type = "Ready", status = "True", reason = "KubeletReady", message = "set by the live-scale run", lastHeartbeatTime = now, lastTransitionTime = now } },
            addresses = new[] { new { type = "InternalIP", address = NodeIp(n) }, new { type = "Hostname", address = NodeName(n) } },
            nodeInfo = new { kubeletVersion = "v1.20.2", kernelVersion = "5.10.0-28-amd64", osImage = "Debian GNU/Linux 11 (bullseye)", containerRuntimeVersion = "containerd://1.4.13", kubeProxyVersion = "v1.20.2", operatingSystem = "linux", architecture = "amd64", machineID = "", systemUUID = "", bootID = "" },
        },
    });

    public static string Namespace(int n) => JsonSerializer.Serialize(new
    {
        apiVersion = "v1",
        kind = "Namespace",
        metadata = new { name = NamespaceName(n), labels = new Dictionary<string, string> { ["team"] = $"t{n % 20}", ["env"] = n % 3 == 0 ? "prod" : "dev" } },
    });

    public static string Pod(int i, int nodes, string ns)
    {
        var app = Apps[i % Apps.Length];
        var port = 8000 + (i % 20);
        return JsonSerializer.Serialize(new
        {
            apiVersion = "v1",
            kind = "Pod",
            metadata = new
            {
                name = PodName(i),
                @namespace = ns,
                labels = new Dictionary<string, string> { ["app"] = app, ["tier"] = i % 2 == 0 ? "front" : "back", ["pod-template-hash"] = "5d8f7c9b4" },
                ownerReferences = new[] { new { apiVersion = "apps/v1", kind = "ReplicaSet", name = $"{app}-5d8f7c9b4", uid = "00000000-0000-0000-0000-000000000001", controller = true } },
            },
            spec = new
            {
                nodeName = NodeName(i % nodes),
                containers = new[]
                {
                    new { name = app, image = "registry.example/app:1.2.3", ports = new[] { new { name = port % 4 == 0 ? "http" : $"p{port}", containerPort = port, protocol = "TCP" } } },
                },
            },
        });
    }

    public static string PodStatus(int i, int nodes, string now) => JsonSerializer.Serialize(new
    {
        status = new
        {
            phase = "Running",
            podIP = PodIp(i, nodes),
            podIPs = new[] { new { ip = PodIp(i, nodes) } },
            hostIP = NodeIp(i % nodes),
            startTime = now,
            conditions = new[]
            {
                new { type = "Initialized", status = "True", lastTransitionTime = now },
                new { type = "PodScheduled", status = "True", lastTransitionTime = now },
                new { type = "ContainersReady", status = "True", lastTransitionTime = now },
                new { type = "Ready", status = "True", lastTransitionTime = now },
            },
        },
    });

    public static string Policy(int p, int namespaces)
    {
        var ns = NamespaceName(p % namespaces);
        var app = Apps[(p * 7) % Apps.Length];
        var peer = Apps[(p * 3) % Apps.Length];
        object spec = (p / namespaces % 5) switch
        {
            0 => new { podSelector = new { }, policyTypes = new[] { "Ingress" } },
            1 => new
            {
                podSelector = new { matchLabels = new Dictionary<string, string> { ["app"] = app } },
                policyTypes = new[] { "Ingress" },
                ingress = new[] { new { from = new[] { new { podSelector = new { matchLabels = new Dictionary<string, string> { ["app"] = peer } } } }, ports = new object[] { new { protocol = "TCP", port = 8000 + (p % 20) }, new { protocol = "TCP", port = (object)"http" } } } },
            },
            2 => new
            {
                podSelector = new { matchExpressions = new[] { new { key = "tier", @operator = "In", values = new[] { "front" } } } },
                policyTypes = new[] { "Ingress" },
                ingress = new[] { new { from = new[] { new { namespaceSelector = new { matchLabels = new Dictionary<string, string> { ["team"] = $"t{p % 20}" } }, podSelector = new { matchLabels = new Dictionary<string, string> { ["tier"] = "front" } } } }, ports = new[] { new { protocol = "TCP", port = 8000, endPort = 8010 } } } },
            },
            3 => new
            {
                podSelector = new { matchLabels = new Dictionary<string, string> { ["app"] = app } },
                policyTypes = new[] { "Egress" },
                egress = new object[]
                {
                    new { to = new[] { new { namespaceSelector = new { matchLabels = new Dictionary<string, string> { ["env"] = "prod" } } } }, ports = new[] { new { protocol = "TCP", port = (object)"http" } } },
                    new { to = new[] { new { ipBlock = new { cidr = "0.0.0.0/0", except = new[] { "10.0.0.0/8" } } } } },
                },
            },
            _ => new
            {
                podSelector = new { matchLabels = new Dictionary<string, string> { ["app"] = app } },
                policyTypes = new[] { "Ingress" },
                ingress = new[] { new { from = new[] { new { namespaceSelector = new { matchLabels = new Dictionary<string, string> { ["env"] = "prod" } } } } } },
            },
        };
        return JsonSerializer.Serialize(new { apiVersion = "networking.k8s.io/v1", kind = "NetworkPolicy", metadata = new { name = $"policy-{p}", @namespace = ns }, spec });
    }
}
