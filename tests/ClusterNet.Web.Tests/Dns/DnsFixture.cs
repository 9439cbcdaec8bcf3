using ClusterNet.Core.Model;

namespace ClusterNet.Web.Tests.Dns;

/// <summary>A small cluster for the DNS page: kube-dns, an Alpine PHP Deployment on an old kernel, a Debian API.</summary>
public static class DnsFixture
{
    public static IReadOnlyList<IClusterObject> Objects() =>
    [
        new NamespaceInfo { Name = "shop" },
        new NamespaceInfo { Name = "kube-system" },
        new NodeInfo { Name = "node01", KernelVersion = "3.10.0-1127.el7.x86_64", Ready = true },
        new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")) },
        new PodInfo
        {
            Namespace = "shop", Name = "php-fpm-7d9f8c6b5-abcde", NodeName = "node01", Phase = "Running", Ready = true, PodIps = ["10.244.1.5"],
            Labels = LabelMap.Of(("app", "php-fpm"), ("pod-template-hash", "7d9f8c6b5")), Owner = new OwnerRef("ReplicaSet", "php-fpm-7d9f8c6b5"),
            Containers = [new ContainerInfo { Name = "php", Image = "php:7.4-fpm-alpine" }],
        },
        new PodInfo
        {
            Namespace = "shop", Name = "api-5c6d7e8f9-xyz12", NodeName = "node01", Phase = "Running", Ready = true, PodIps = ["10.244.1.6"],
            Labels = LabelMap.Of(("app", "api"), ("pod-template-hash", "5c6d7e8f9")), Owner = new OwnerRef("ReplicaSet", "api-5c6d7e8f9"),
            Containers = [new ContainerInfo { Name = "api", Image = "python:3.12-slim" }],
        },
    ];
}
