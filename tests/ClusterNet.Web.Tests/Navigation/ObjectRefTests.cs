using ClusterNet.Core.Model;
using ClusterNet.Web.Navigation;

namespace ClusterNet.Web.Tests.Navigation;

public sealed class ObjectRefTests
{
    [Theory]
    [InlineData("pods/dev/pod1", "pods", "dev", "pod1")]
    [InlineData("nodes/node01", "nodes", "", "node01")]
    [InlineData("deployments/kube-system/Deployment/coredns", "deployments", "kube-system", "Deployment/coredns")]
    public void TryParse_Valid_RoundTrips(string text, string kind, string ns, string name)
    {
        Assert.True(ObjectRef.TryParse(text, out var value));
        Assert.Equal(new ObjectRef(kind, new ObjectKey(ns, name)), value);
        Assert.Equal(text, value!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pods")]
    [InlineData("pods/")]
    [InlineData("/dev/pod1")]
    [InlineData("pods//pod1")]
    public void TryParse_Invalid_ReturnsFalse(string? text) => Assert.False(ObjectRef.TryParse(text, out _));
}
