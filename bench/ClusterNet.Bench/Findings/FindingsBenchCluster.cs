using ClusterNet.Bench.Policy;
using ClusterNet.Core.Model;

namespace ClusterNet.Bench.Findings;

/// <summary>
/// The policy benchmark's cluster (10,000 pods in 200 namespaces, 2,000 policies) made into one the DNS and client-IP
/// analyzers have something to say about, as a real cluster would: pods owned by Deployments (one per app and namespace,
/// ~2,000), images of several libcs, 100 nodes, CoreDNS behind kube-dns, one Service per Deployment of which every 20th is a
/// NodePort and every 50th a LoadBalancer (externalTrafficPolicy Cluster unless said), every 10th namespace's pods with
/// dnsPolicy Default, every 25th with their own ndots.
/// </summary>
public static class FindingsBenchCluster
{
    private static readonly string[] Images = ["python:3.12-slim", "alpine:3.19", "node:20-alpine", "eclipse-temurin:21-jre", "golang:1.22", "nginx:1.25"];

    public static ClusterSnapshot Build()
    {
        var policyCluster = PolicyBenchCluster.Build();
        var objects = new List<IClusterObject>();
        const int nodes = 100;
        for (var n = 0; n < nodes; n++)
        {
            objects.Add(new NodeInfo
            {
                Name = $"node{n}",
                Ready = true,
                KernelVersion = "5.15.0-105-generic",
                Addresses = [new NodeAddress("InternalIP", $"172.16.{n / 200}.{n % 200 + 10}")],
                PodCidrs = [$"10.{64 + n / 250}.{n % 250}.0/24"],
            });
        }

        var dnsLabels = LabelMap.Of(("k8s-app", "kube-dns"));
        objects.Add(new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = dnsLabels, Ports = [new ServicePortInfo("dns", 53, "UDP", "53")] });
        for (var i = 0; i < 2; i++)
        {
            objects.Add(new PodInfo
            {
                Namespace = "kube-system", Name = $"coredns-7db6d8ff4d-{i}", NodeName = $"node{i}", Labels = dnsLabels, Phase = "Running", Ready = true,
                PodIps = [$"10.64.{i}.250"], Owner = new OwnerRef("ReplicaSet", "coredns-7db6d8ff4d"),
                Containers = [new ContainerInfo { Name = "coredns", Image = "registry.k8s.io/coredns/coredns:v1.11.1" }],
            });
        }

        objects.AddRange(policyCluster.Namespaces);
        objects.AddRange(policyCluster.NetworkPolicies);
        var deployments = new HashSet<(string Ns, string App)>();
        var p = 0;
        foreach (var pod in policyCluster.Pods)
        {
            var app = pod.Labels["app"];
            var ns = int.Parse(pod.Namespace[3..], System.Globalization.CultureInfo.InvariantCulture);
            deployments.Add((pod.Namespace, app));
            objects.Add(pod with
            {
                NodeName = $"node{p++ % nodes}",
                Ready = true,
                Owner = new OwnerRef("ReplicaSet", $"{app}-5d9c7b8f6"),
                Labels = pod.Labels.SetItem("pod-template-hash", "5d9c7b8f6"),
                Containers = [.. pod.Containers.Select(c => c with { Image = Images[(ns + app.Length) % Images.Length] })],
                DnsPolicy = ns % 10 == 9 ? "Default" : "ClusterFirst",
                DnsConfig = ns % 25 == 7 ? new PodDnsConfig { Options = [new DnsOption("ndots", "2")] } : null,
            });
        }

        var s = 0;
        foreach (var (ns, app) in deployments.OrderBy(d => d.Ns, StringComparer.Ordinal).ThenBy(d => d.App, StringComparer.Ordinal))
        {
            var type = s % 50 == 0 ? "LoadBalancer" : s % 20 == 0 ? "NodePort" : "ClusterIP";
            objects.Add(new ServiceInfo
            {
                Namespace = ns,
                Name = app,
                Type = type,
                ClusterIps = [$"10.96.{1 + s / 250}.{s % 250 + 1}"],
                Ports = [new ServicePortInfo("http", 80, "TCP", "http", type == "ClusterIP" ? null : 30000 + s)],
                Selector = LabelMap.Of(("app", app)),
                ExternalTrafficPolicy = type == "ClusterIP" ? null : s % 100 == 0 ? "Local" : "Cluster",
                LoadBalancerIngress = type == "LoadBalancer" ? [new LoadBalancerIngressInfo($"198.51.100.{s % 250 + 1}", null)] : [],
            });
            s++;
        }

        return ClusterSnapshot.Create(new SourceInfo("file", "findings-bench"), objects);
    }
}
