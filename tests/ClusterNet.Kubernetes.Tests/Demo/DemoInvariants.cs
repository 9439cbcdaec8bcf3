using System.Net;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Demo;

namespace ClusterNet.Kubernetes.Tests.Demo;

/// <summary>Checks every demo snapshot must pass, initially and after each change.</summary>
internal static class DemoInvariants
{
    public static void AssertHold(ClusterSnapshot snapshot)
    {
        foreach (var pod in snapshot.Pods)
        {
            var node = snapshot.Nodes.Get("", pod.NodeName!);
            Assert.True(node is not null, $"pod {pod.Key} runs on unknown node {pod.NodeName}");
            var ip = Assert.Single(pod.PodIps);
            Assert.Equal(node.InternalIp, pod.HostIp);
            if (pod.HostNetwork)
            {
                Assert.True(ip == node.InternalIp, $"hostNetwork pod {pod.Key} has {ip}, node IP is {node.InternalIp}");
            }
            else
            {
                Assert.True(IPNetwork.Parse(node.PodCidrs[0]).Contains(IPAddress.Parse(ip)), $"pod {pod.Key} IP {ip} is outside {node.Name}'s podCIDR {node.PodCidrs[0]}");
            }
        }

        var podIps = snapshot.Pods.Where(p => !p.HostNetwork).Select(p => p.PodIp).ToList();
        Assert.Equal(podIps.Count, podIps.Distinct().Count());

        foreach (var service in snapshot.Services)
        {
            var slices = snapshot.EndpointsOf(service).ToList();
            var slice = Assert.Single(slices);
            if (service.Selector is null)
            {
                continue;
            }

            var expected = DemoEndpoints.Compute(service, snapshot.Pods, slice.Name)!;
            Assert.Equal(Describe(expected.Addresses), Describe(slice.Addresses));
            Assert.Equal(expected.Ports.ToArray(), slice.Ports.ToArray());
            Assert.NotEmpty(slice.Addresses);
        }

        foreach (var workload in snapshot.Workloads.Where(w => w.Kind == "Deployment"))
        {
            var pods = snapshot.Pods.Count(p => p.Namespace == workload.Namespace && workload.Selector.MatchLabels.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value));
            Assert.True(pods == workload.DesiredReplicas, $"{workload.Key} wants {workload.DesiredReplicas} replicas, {pods} pods exist");
        }
    }

    private static string[] Describe(IEnumerable<EndpointAddressInfo> addresses) =>
        [.. addresses.Select(a => $"{a.Ip} {a.NodeName} {a.Ready} {a.TargetKind}/{a.TargetNamespace}/{a.TargetName}").Order(StringComparer.Ordinal)];
}
