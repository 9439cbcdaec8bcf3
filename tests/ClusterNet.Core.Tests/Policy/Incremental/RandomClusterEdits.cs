using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Policy.Incremental;

/// <summary>
/// Seeded random edits of a snapshot the way the store makes them: the edited kind gets a new collection, untouched
/// objects keep their references. Covers every pod and namespace change the engine derives, plus policy edits.
/// </summary>
internal static class RandomClusterEdits
{
    private static readonly string[] Apps = ["web", "api", "db", "cache"];
    private static readonly string[] PortNames = ["http", "metrics", "dns"];

    /// <summary>One random edit; <paramref name="what"/> says which, for assertion messages.</summary>
    public static ClusterSnapshot Apply(Random rnd, ClusterSnapshot s, bool policies, out string what)
    {
        var kind = rnd.Next(policies ? 13 : 11);
        var pods = s.Pods.ToList();
        if (pods.Count == 0)
        {
            kind = 0;
        }

        var i = pods.Count == 0 ? 0 : rnd.Next(pods.Count);
        switch (kind)
        {
            case 0:
            {
                var ns = s.Namespaces.Count > 0 && rnd.Next(6) != 0 ? s.Namespaces[rnd.Next(s.Namespaces.Count)].Name : $"fresh{rnd.Next(3)}";
                var pod = NewPod(rnd, ns, $"n{s.Version + 1}");
                what = $"add pod {pod.Key}";
                return WithPods(s, pods.Append(pod));
            }

            case 1:
                what = $"delete pod {pods[i].Key}";
                pods.RemoveAt(i);
                return WithPods(s, pods);
            case 2:
            {
                var labels = rnd.Next(8) == 0 ? LabelMap.Of(("k8s-app", "kube-dns"))
                    : rnd.Next(3) == 0 ? LabelMap.Of(("app", Apps[rnd.Next(Apps.Length)]), ("tier", "front")) : LabelMap.Of(("app", Apps[rnd.Next(Apps.Length)]));
                what = $"relabel pod {pods[i].Key} to {string.Join(",", labels)}";
                pods[i] = pods[i] with { Labels = labels };
                return WithPods(s, pods);
            }

            case 3:
                what = $"new IP for {pods[i].Key}";
                pods[i] = pods[i] with { PodIps = rnd.Next(5) == 0 ? [] : [$"10.{rnd.Next(5)}.{rnd.Next(3)}.{rnd.Next(250)}"] };
                return WithPods(s, pods);
            case 4:
                what = $"toggle hostNetwork of {pods[i].Key}";
                pods[i] = pods[i] with { HostNetwork = !pods[i].HostNetwork };
                return WithPods(s, pods);
            case 5:
                what = $"new named ports on {pods[i].Key}";
                pods[i] = pods[i] with { Containers = [Container(rnd)] };
                return WithPods(s, pods);
            case 6:
                what = $"phase of {pods[i].Key}";
                pods[i] = pods[i] with { Phase = pods[i].Phase == "Running" ? "Pending" : "Running", Ready = !pods[i].Ready };
                return WithPods(s, pods);
            case 7 when s.Namespaces.Count > 0:
            {
                var nss = s.Namespaces.ToList();
                var k = rnd.Next(nss.Count);
                var labels = rnd.Next(3) switch
                {
                    0 => LabelMap.Of(("team", nss[k].Labels.GetValueOrDefault("team") == "red" ? "blue" : "red")),
                    1 => LabelMap.Empty,
                    _ => LabelMap.Of(("team", "red"), ("env", "prod")),
                };
                what = $"relabel namespace {nss[k].Name} to {string.Join(",", labels)}";
                nss[k] = nss[k] with { Labels = labels };
                return s with { Version = s.Version + 1, Namespaces = KindCollection<NamespaceInfo>.From(nss) };
            }

            case 8:
            {
                var name = $"fresh{rnd.Next(3)}";
                var nss = s.Namespaces.Where(n => n.Name != name).ToList();
                var removed = nss.Count < s.Namespaces.Count;
                if (!removed)
                {
                    nss.Add(new NamespaceInfo { Name = name, Labels = LabelMap.Of(("team", rnd.Next(2) == 0 ? "red" : "blue")) });
                }

                what = removed ? $"delete namespace object {name}" : $"add namespace {name}";
                return s with { Version = s.Version + 1, Namespaces = KindCollection<NamespaceInfo>.From(nss) };
            }

            case 9:
            {
                // A burst: several pods at once, as a rollout delivers them in one coalesced snapshot.
                what = "burst";
                for (var k = 0; k < 4 && pods.Count > 1; k++)
                {
                    var j = rnd.Next(pods.Count);
                    pods[j] = pods[j] with { Labels = LabelMap.Of(("app", Apps[rnd.Next(Apps.Length)])) };
                }

                pods.RemoveAt(rnd.Next(pods.Count));
                pods.Add(NewPod(rnd, s.Namespaces.Count > 0 ? s.Namespaces[rnd.Next(s.Namespaces.Count)].Name : "ns0", $"b{s.Version + 1}"));
                return WithPods(s, pods);
            }

            case 10:
            {
                // The first or last pod replaced by one sorting at the same index: same count, another pod.
                var last = rnd.Next(2) == 0;
                var k = last ? pods.Count - 1 : 0;
                var pod = NewPod(rnd, last ? "zz" : "aa", $"r{s.Version + 1}");
                what = $"replace {pods[k].Key} by {pod.Key}";
                pods[k] = pod;
                return WithPods(s, pods);
            }

            case 11 when s.NetworkPolicies.Count > 0:
            {
                var victim = s.NetworkPolicies[rnd.Next(s.NetworkPolicies.Count)].Key;
                what = $"delete policy {victim} and relabel {pods[i].Key}";
                pods[i] = pods[i] with { Labels = LabelMap.Of(("app", Apps[rnd.Next(Apps.Length)])) };
                return WithPods(s, pods) with { NetworkPolicies = KindCollection<NetworkPolicyInfo>.From(s.NetworkPolicies.Where(p => p.Key != victim)) };
            }

            default:
            {
                var p = RandomCluster.Policy(rnd, s, $"edit{s.Version + 1}");
                what = $"add policy {p.Key} and a pod";
                return WithPods(s, pods.Append(NewPod(rnd, p.Namespace, $"q{s.Version + 1}")))
                    with { NetworkPolicies = KindCollection<NetworkPolicyInfo>.From(s.NetworkPolicies.Append(p)) };
            }
        }
    }

    public static PodInfo NewPod(Random rnd, string ns, string name) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = LabelMap.Of(("app", Apps[rnd.Next(Apps.Length)])),
        HostNetwork = rnd.Next(15) == 0,
        PodIps = [$"10.{rnd.Next(5)}.{rnd.Next(3)}.{rnd.Next(250)}"],
        Containers = [Container(rnd)],
    };

    private static ContainerInfo Container(Random rnd) => new()
    {
        Name = "c",
        Ports =
        [
            new ContainerPortInfo(PortNames[rnd.Next(PortNames.Length)], rnd.Next(2) == 0 ? 80 : 8080),
            new ContainerPortInfo("dns", 53, "UDP"),
        ],
    };

    private static ClusterSnapshot WithPods(ClusterSnapshot s, IEnumerable<PodInfo> pods) =>
        s with { Version = s.Version + 1, Pods = KindCollection<PodInfo>.From(pods) };
}
