using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Facts;

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
