using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Tests.ClientIp.Controllers;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>Ingress controllers are found once per snapshot, in ClusterFacts, and the client-IP analysis reads them there.</summary>
public sealed class IngressControllerFactsTests
{
    [Fact]
    public void Of_IngressNginxDeployment_OneController()
    {
        var snapshot = new TestCluster().IngressNginx().Snapshot;

        var controller = Assert.Single(ClusterFacts.Of(snapshot).IngressControllers);
        Assert.Equal(IngressControllerKind.IngressNginx, controller.Kind);
        Assert.Equal("ingress-nginx", controller.Workload.Namespace);
    }

    [Theory]
    [InlineData(IngressControllerKind.Traefik, "traefik")]
    [InlineData(IngressControllerKind.HaproxyIngress, "haproxy-ingress")]
    [InlineData(IngressControllerKind.HaproxyTech, "haproxy-kubernetes-ingress")]
    [InlineData(IngressControllerKind.Contour, "contour")]
    public void Of_ReverseProxyController_ListedWithItsKind(IngressControllerKind kind, string workload)
    {
        // Contour's Envoy DaemonSet carries the traffic but is not the controller: only the contour Deployment is listed.
        var snapshot = ProxyControllerCluster.Add(new TestCluster(), kind).Snapshot;

        var controller = Assert.Single(ClusterFacts.Of(snapshot).IngressControllers);
        Assert.Equal((kind, workload), (controller.Kind, controller.Workload.Name));
    }

    [Fact]
    public void Of_IngressNginxAndTraefik_BothListed()
    {
        var snapshot = ProxyControllerCluster.Add(new TestCluster().IngressNginx(), IngressControllerKind.Traefik).Snapshot;

        Assert.Equal(
            [IngressControllerKind.IngressNginx, IngressControllerKind.Traefik],
            ClusterFacts.Of(snapshot).IngressControllers.Select(c => c.Kind).Order().ToArray());
    }

    [Fact]
    public void Of_NoController_Empty() => Assert.Empty(ClusterFacts.Of(new TestCluster().Snapshot).IngressControllers);

    [Fact]
    public void ForControllerService_ServiceSelectingTheController_Found()
    {
        var cluster = new TestCluster().IngressNginx();
        var snapshot = cluster.Snapshot;
        var service = snapshot.Services.Single(s => s.Namespace == "ingress-nginx");

        var info = IngressControllerDetector.ForControllerService(snapshot, service);

        Assert.NotNull(info);
        Assert.Equal(IngressControllerKind.IngressNginx, info.Kind);
        Assert.Same(service, info.Service);
    }
}
