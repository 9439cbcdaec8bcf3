using BenchmarkDotNet.Attributes;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;

namespace ClusterNet.Bench;

/// <summary>DNS targets (issue 5): findings for 10k pods under 500 ms; one expansion under 50 µs.</summary>
[MemoryDiagnoser]
public class DnsBenchmarks
{
    private ClusterSnapshot _snapshot = null!;
    private ExpansionRequest _glibc = null!;
    private ExpansionRequest _musl = null!;

    [GlobalSetup]
    public void Setup()
    {
        var objects = new List<IClusterObject>
        {
            new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")) },
            new ConfigMapInfo { Namespace = "kube-system", Name = "coredns", Data = LabelMap.Of(("Corefile", ".:53 {\n errors\n kubernetes cluster.local\n forward . /etc/resolv.conf\n cache 30\n}\n")) },
        };
        for (var n = 0; n < 100; n++)
        {
            objects.Add(new NodeInfo { Name = $"node-{n}", KernelVersion = n % 3 == 0 ? "4.19.0-25-amd64" : "5.15.0-91-generic" });
        }

        string[] images = ["php:7.4-fpm-alpine", "python:3.12-slim", "nginx:1.25", "node:18-alpine", "gcr.io/distroless/static-debian12", "mycorp/api:1.0"];
        var pod = 0;
        for (var w = 0; w < 2000; w++)
        {
            var ns = $"team-{w % 50}";
            var name = $"app-{w}";
            const string hash = "7d9f8c6b5";
            for (var r = 0; r < 5; r++, pod++)
            {
                objects.Add(new PodInfo
                {
                    Namespace = ns,
                    Name = $"{name}-{hash}-{r}",
                    Phase = "Running",
                    NodeName = $"node-{pod % 100}",
                    Labels = LabelMap.Of(("app", name), ("pod-template-hash", hash)),
                    Owner = new OwnerRef("ReplicaSet", $"{name}-{hash}"),
                    Containers = [new ContainerInfo { Name = "app", Image = images[w % images.Length] }],
                    DnsConfig = w % 7 == 0 ? new PodDnsConfig { Options = [new DnsOption("single-request-reopen")] } : null,
                });
            }
        }

        _snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "bench"), objects);
        var conf = ResolvConfParser.Parse("nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local localdomain\noptions ndots:5\n");
        _glibc = new ExpansionRequest { ResolvConf = conf, Libc = LibcProfile.Glibc, Name = "baidu.com" };
        _musl = _glibc with { Libc = LibcProfile.Musl };
    }

    [Benchmark]
    public int Findings10kPods() => DnsFindingsAnalyzer.Analyze(_snapshot).Findings.Length;

    [Benchmark]
    public int ExpandGlibc() => ResolverSimulator.Expand(_glibc).Queries.Length;

    [Benchmark]
    public int ExpandMusl() => ResolverSimulator.Expand(_musl).Queries.Length;
}
