using System.Runtime.CompilerServices;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.ClientIp;

/// <summary>
/// ingress-nginx's cloud deploy.yaml (re-expressed in ClientIp/Manifests) around a two-node flannel cluster, read through
/// the file source as a user's directory would be: the controller is found, its LoadBalancer Service keeps the client
/// address (externalTrafficPolicy Local), and the app gets it in X-Forwarded-For; switching the Service to Cluster is
/// the documented way to lose it.
/// </summary>
public sealed class IngressNginxCloudManifestTests
{
    private static string Dir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Manifests");

    private static ClusterSnapshot Load(Func<string, string>? edit = null)
    {
        var text = File.ReadAllText(Path.Combine(Dir(), "ingress-nginx-cloud.yaml"));
        var result = ManifestLoader.LoadText(edit is null ? text : edit(text), "ingress-nginx-cloud.yaml");
        Assert.Empty(result.Diagnostics);
        return result.ToSnapshot(new SourceInfo("file", "manifests"));
    }

    [Fact]
    public void CloudDeploy_ControllerDetectedFromItsDeployment()
    {
        var controller = Assert.Single(ClusterFacts.Of(Load()).IngressControllers);
        Assert.Equal(IngressControllerKind.IngressNginx, controller.Kind);
        Assert.Equal("ingress-nginx-controller", controller.Workload.Name);
    }

    [Fact]
    public void CloudDeploy_LocalPolicy_AppSeesTheClientInXForwardedFor()
    {
        var report = ClientIpAnalyzer.ForIngress(Load(), "shop", "web");

        Assert.NotNull(report);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, report.Outcome);
        var route = Assert.Single(report.Routes);
        Assert.Equal(ClientIpPeer.IngressController, route.App.SocketIs);
        Assert.Contains(route.App.Headers, h => h.Name == "X-Forwarded-For");
        Assert.DoesNotContain(report.Risks, r => r.Code == "ingress-behind-cluster-policy");
    }

    [Fact]
    public void CloudDeploy_EditedToClusterPolicy_ClientLostAndTheFixSetsLocal()
    {
        var s = Load(t => t.Replace("externalTrafficPolicy: Local", "externalTrafficPolicy: Cluster", StringComparison.Ordinal));
        var report = ClientIpAnalyzer.ForIngress(s, "shop", "web");

        Assert.NotNull(report);
        Assert.NotEqual(ClientIpOutcome.PreservedInHeader, report.Outcome);
        Assert.Contains(report.Risks, r => r.Code == "ingress-behind-cluster-policy");
        Assert.Contains(report.Fixes, f => f.Patch.Contains("externalTrafficPolicy: Local", StringComparison.Ordinal));
    }

    [Fact]
    public void CloudDeploy_Overview_ListsTheAppAsExposedThroughTheIngress()
    {
        var rows = ClientIpAnalyzer.Overview(Load());
        var web = Assert.Single(rows, r => r.Namespace == "shop" && r.Name == "web");
        Assert.Equal("Ingress web", web.ExposedVia);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, web.Outcome);
    }
}
