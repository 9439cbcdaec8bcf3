using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using k8s;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// What the API server holds, read independently of the source (plain GETs as admin), as "key → fingerprint" per kind,
/// so a test can demand snapshot == server: nothing missing, nothing extra, nothing stale.
/// </summary>
public static class ServerState
{
    private static readonly (string Kind, string Path, string? WorkloadKind)[] Paths =
    [
        (ResourceKind.Nodes, "/api/v1/nodes", null),
        (ResourceKind.Namespaces, "/api/v1/namespaces", null),
        (ResourceKind.Pods, "/api/v1/pods", null),
        (ResourceKind.Services, "/api/v1/services", null),
        (ResourceKind.Endpoints, "/apis/discovery.k8s.io/v1beta1/endpointslices", null),
        (ResourceKind.NetworkPolicies, "/apis/networking.k8s.io/v1/networkpolicies", null),
        (ResourceKind.Ingresses, "/apis/networking.k8s.io/v1/ingresses", null),
        (ResourceKind.IngressClasses, "/apis/networking.k8s.io/v1/ingressclasses", null),
        (ResourceKind.DaemonSets, "/apis/apps/v1/daemonsets", "DaemonSet"),
        (ResourceKind.Deployments, "/apis/apps/v1/deployments", "Deployment"),
        (ResourceKind.StatefulSets, "/apis/apps/v1/statefulsets", "StatefulSet"),
    ];

    public static IReadOnlyList<string> ComparableKinds { get; } = [.. Paths.Select(p => p.Kind)];

    /// <summary>Per kind: object key → pod IP for pods, "" otherwise.</summary>
    public static async Task<Dictionary<string, SortedDictionary<string, string>>> ReadAsync(KubernetesClientConfiguration admin, IEnumerable<string>? kinds = null)
    {
        var wanted = (kinds ?? ComparableKinds).ToHashSet();
        using var api = new KubeApiClient(admin);
        var result = new Dictionary<string, SortedDictionary<string, string>>();
        foreach (var (kind, path, workloadKind) in Paths.Where(p => wanted.Contains(p.Kind)))
        {
            using var response = await api.GetAsync(path, CancellationToken.None);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
            {
                var key = ResourceTarget.MetadataKey(item)!.Value;
                if (workloadKind is not null)
                {
                    key = key with { Name = $"{workloadKind}/{key.Name}" };
                }

                var ip = kind == ResourceKind.Pods && item.TryGetProperty("status", out var st) && st.TryGetProperty("podIP", out var pip) ? pip.GetString() ?? "" : "";
                map[key.ToString()] = ip;
            }

            result[kind] = map;
        }

        return result;
    }

    /// <summary>The same view of a snapshot.</summary>
    public static Dictionary<string, SortedDictionary<string, string>> Of(ClusterSnapshot snap, IEnumerable<string>? kinds = null)
    {
        var wanted = (kinds ?? ComparableKinds).ToHashSet();
        var result = new Dictionary<string, SortedDictionary<string, string>>();
        void Add(string kind, IEnumerable<(ObjectKey Key, string Value)> items)
        {
            if (wanted.Contains(kind))
            {
                result[kind] = new SortedDictionary<string, string>(items.ToDictionary(i => i.Key.ToString(), i => i.Value), StringComparer.Ordinal);
            }
        }

        Add(ResourceKind.Nodes, snap.Nodes.Select(o => (o.Key, "")));
        Add(ResourceKind.Namespaces, snap.Namespaces.Select(o => (o.Key, "")));
        Add(ResourceKind.Pods, snap.Pods.Select(o => (o.Key, o.PodIp ?? "")));
        Add(ResourceKind.Services, snap.Services.Select(o => (o.Key, "")));
        Add(ResourceKind.Endpoints, snap.Endpoints.Select(o => (o.Key, "")));
        Add(ResourceKind.NetworkPolicies, snap.NetworkPolicies.Select(o => (o.Key, "")));
        Add(ResourceKind.Ingresses, snap.Ingresses.Select(o => (o.Key, "")));
        Add(ResourceKind.IngressClasses, snap.IngressClasses.Select(o => (o.Key, "")));
        Add(ResourceKind.DaemonSets, snap.Workloads.Where(w => w.Kind == "DaemonSet").Select(o => (o.Key, "")));
        Add(ResourceKind.Deployments, snap.Workloads.Where(w => w.Kind == "Deployment").Select(o => (o.Key, "")));
        Add(ResourceKind.StatefulSets, snap.Workloads.Where(w => w.Kind == "StatefulSet").Select(o => (o.Key, "")));
        return result;
    }

    /// <summary>
    /// Waits until the store's snapshot equals what the server holds, re-reading the server each time: the
    /// controller-manager keeps changing EndpointSlices on its own, so a single earlier read could never match.
    /// </summary>
    public static async Task<ClusterSnapshot> WaitForEqualAsync(ClusterNet.Core.Store.ClusterStore store, KubernetesClientConfiguration admin, IEnumerable<string>? kinds = null, TimeSpan? timeout = null)
    {
        var list = (kinds ?? ComparableKinds).ToList();
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var snap = store.Current;
            var diff = Diff(await ReadAsync(admin, list), Of(snap, list));
            if (diff.Length == 0)
            {
                return snap;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"the snapshot (v{snap.Version}) does not match the server:\n{diff}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Empty when equal; else one line per differing kind.</summary>
    public static string Diff(Dictionary<string, SortedDictionary<string, string>> server, Dictionary<string, SortedDictionary<string, string>> snapshot)
    {
        var lines = new List<string>();
        foreach (var (kind, expected) in server)
        {
            var actual = snapshot.GetValueOrDefault(kind) ?? [];
            var missing = expected.Where(kv => !actual.ContainsKey(kv.Key)).Select(kv => kv.Key).ToList();
            var extra = actual.Where(kv => !expected.ContainsKey(kv.Key)).Select(kv => kv.Key).ToList();
            var stale = expected.Where(kv => actual.TryGetValue(kv.Key, out var v) && v != kv.Value).Select(kv => $"{kv.Key} ({actual[kv.Key]} ≠ {kv.Value})").ToList();
            if (missing.Count + extra.Count + stale.Count > 0)
            {
                lines.Add($"{kind}: missing [{string.Join(", ", missing)}] extra [{string.Join(", ", extra)}] stale [{string.Join(", ", stale)}]");
            }
        }

        return string.Join("\n", lines);
    }
}
