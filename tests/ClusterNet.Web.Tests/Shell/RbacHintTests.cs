using ClusterNet.Core.Model;
using ClusterNet.Web.Shell;

namespace ClusterNet.Web.Tests.Shell;

public sealed class RbacHintTests
{
    [Theory]
    [InlineData(ResourceKind.Pods, null, "kubectl auth can-i list pods --all-namespaces")]
    [InlineData(ResourceKind.Nodes, null, "kubectl auth can-i list nodes")]
    [InlineData(ResourceKind.NetworkPolicies, "system:serviceaccount:clusternet:clusternet", "kubectl auth can-i list networkpolicies.networking.k8s.io --all-namespaces --as=system:serviceaccount:clusternet:clusternet")]
    [InlineData(ResourceKind.DaemonSets, null, "kubectl auth can-i list daemonsets.apps --all-namespaces")]
    [InlineData(ResourceKind.IpPools, null, "kubectl auth can-i list ippools.crd.projectcalico.org")]
    [InlineData(ResourceKind.Endpoints, null, "kubectl auth can-i list endpointslices.discovery.k8s.io --all-namespaces")]
    public void Commands_Kind_ListThenWatchCommand(string kind, string? user, string expectedList)
    {
        var commands = RbacHint.Commands(kind, user);

        Assert.Equal(expectedList, commands[0]);
        Assert.Equal(expectedList.Replace("can-i list", "can-i watch"), commands[1]);
    }
}
