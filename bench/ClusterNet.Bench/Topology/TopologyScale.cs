using System.Globalization;
using ClusterNet.Core.Model;
using ClusterNet.Core.Topology;

namespace ClusterNet.Bench.Topology;

/// <summary>
/// A synthetic flannel cluster (vxlan + DirectRouting, IPVS) of a given size: nodes over several /24s so both direct
/// and VXLAN peers exist, pods spread evenly, one Service per 10 pods with its endpoints.
/// </summary>
public static class TopologyScale
{
    public static ClusterSnapshot Generate(int nodes, int pods, long version = 1, int changedPods = 0)
    {
        var objects = new List<IClusterObject>(nodes + pods * 2);
        string Ip(int n) => string.Create(CultureInfo.InvariantCulture, $"172.16.{100 + (n / 200)}.{(n % 200) + 10}");
        for (var n = 0; n < nodes; n++)
        {
            objects.Add(new NodeInfo
            {
                Name = $"node{n:D4}",
                Addresses = [new NodeAddress("InternalIP", Ip(n))],
                PodCidrs = [string.Create(CultureInfo.InvariantCulture, $"10.{244 + (n / 256)}.{n % 256}.0/24")],
                Ready = true,
                Labels = LabelMap.Of(("kubernetes.io/hostname", $"node{n:D4}"), ("zone", $"z{n % 3}")),
                Annotations = LabelMap.Of(
                    (FlannelAnnotations.BackendType, "vxlan"),
                    (FlannelAnnotations.BackendData, string.Create(CultureInfo.InvariantCulture, $$"""{"VNI":1,"VtepMAC":"4e:1f:6b:{{n / 65536 % 256:x2}}:{{n / 256 % 256:x2}}:{{n % 256:x2}}"}""")),
                    (FlannelAnnotations.PublicIp, Ip(n))),
            });
        }

        objects.Add(new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-system", Name = "kube-flannel-ds", HostNetwork = true });
        objects.Add(new ConfigMapInfo
        {
            Namespace = "kube-system", Name = "kube-flannel-cfg",
            Data = LabelMap.Of(("net-conf.json", """{"Network":"10.244.0.0/14","Backend":{"Type":"vxlan","DirectRouting":true}}""")),
        });
        objects.Add(new ConfigMapInfo { Namespace = "kube-system", Name = "kube-proxy", Data = LabelMap.Of(("config.conf", "mode: ipvs\n")) });

        for (var p = 0; p < pods; p++)
        {
            var n = p % nodes;
            var slot = (p / nodes) + 2;
            var ns = $"ns{p % 50:D2}";
            var changed = p < changedPods;
            objects.Add(new PodInfo
            {
                Namespace = ns,
                Name = $"pod{p:D5}",
                NodeName = $"node{n:D4}",
                Phase = "Running",
                Ready = !changed,
                PodIps = [string.Create(CultureInfo.InvariantCulture, $"10.{244 + (n / 256)}.{n % 256}.{Math.Min(slot, 254)}")],
                Labels = LabelMap.Of(("app", $"app{p / 10}"), ("tier", p % 2 == 0 ? "web" : "db")),
                Containers = [new ContainerInfo { Name = "main", Ports = [new ContainerPortInfo("http", 8080)] }],
            });
        }

        for (var s = 0; s < pods / 10; s++)
        {
            var ns = $"ns{(s * 10) % 50:D2}";
            objects.Add(new ServiceInfo
            {
                Namespace = ns, Name = $"svc{s:D4}",
                ClusterIps = [string.Create(CultureInfo.InvariantCulture, $"10.96.{s / 250}.{(s % 250) + 1}")],
                Ports = [new ServicePortInfo("http", 80, "TCP", "8080")],
                Selector = LabelMap.Of(("app", $"app{s}")),
            });
            objects.Add(new EndpointSetInfo
            {
                Namespace = ns, Name = $"svc{s:D4}-x", ServiceName = $"svc{s:D4}",
                Addresses = [.. Enumerable.Range(s * 10, 10).Where(p => p < pods && $"ns{p % 50:D2}" == ns)
                    .Select(p => new EndpointAddressInfo("10.244.0.1", null, true, "Pod", ns, $"pod{p:D5}"))],
                Ports = [new EndpointPortInfo("http", 8080)],
            });
        }

        return ClusterSnapshot.Create(new SourceInfo("demo", "bench"), objects, version);
    }
}
