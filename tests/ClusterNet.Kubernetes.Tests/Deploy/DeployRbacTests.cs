using System.Net;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Kubernetes.Tests.Live;
using ClusterNet.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace ClusterNet.Kubernetes.Tests.Deploy;

/// <summary>
/// deploy/ applied to a real API server, then the live source run with a token minted for the dashboard's
/// ServiceAccount: the ClusterRole must be sufficient (every kind syncs) and minimal (no Secrets, no writes, and no
/// rule the source doesn't use).
/// </summary>
public sealed class DeployRbacTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly string[] UsedVerbs = ["list", "watch"];

    private string DeployDir => Path.Combine(Plane.RepoRoot, "deploy");

    [Fact]
    public async Task Apply_DeployKustomization_DryRunAndRealApplySucceed()
    {
        // A server-side dry run can't create namespaced objects in a namespace that doesn't exist yet.
        await Plane.KubectlAsync("apply", "-f", Path.Combine(DeployDir, "base", "namespace.yaml"));
        var dry = await Plane.KubectlAsync("apply", "--dry-run=server", "-k", DeployDir);
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/clusternet-reader", dry);
        await Plane.KubectlAsync("apply", "-k", DeployDir);
        var deployment = await Plane.AdminClient().ReadNamespacedDeploymentAsync("clusternet", "clusternet");
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal(false, container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(true, container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal(true, deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.NotNull(container.Resources.Limits);
        Assert.EndsWith("@sha256:" + new string('0', 64), container.Image, StringComparison.Ordinal);
        Assert.Equal("restricted", (await Plane.AdminClient().ReadNamespaceAsync("clusternet")).Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.NotNull(await Plane.AdminClient().ReadNamespacedNetworkPolicyAsync("clusternet", "clusternet"));

        var overlay = await Plane.KubectlAsync("apply", "--dry-run=server", "-k", Path.Combine(DeployDir, "overlays", "scope-by-rbac"));
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/clusternet-access-review", overlay);
    }

    [Fact]
    public async Task LiveSource_WithServiceAccountToken_SyncsEveryKindAndCannotReadSecretsOrWrite()
    {
        await Plane.KubectlAsync("apply", "-k", DeployDir);
        await Plane.ApplyAsync(LiveSourceIntegrationTests.CalicoCrds);
        await Plane.KubectlAsync("wait", "--for=condition=established", "--timeout=30s", "crd/ippools.crd.projectcalico.org", "crd/bgpconfigurations.crd.projectcalico.org");
        await Plane.ApplyAsync(GatewayApiCrds.Manifest);
        await Plane.KubectlAsync(GatewayApiCrds.WaitEstablished);
        await Plane.ApplyAsync(MultusCalicoOperatorCrds.Manifest);
        await Plane.KubectlAsync(MultusCalicoOperatorCrds.WaitEstablished);
        await Plane.ApplyAsync(PolicyApiCrds.Manifest);
        await Plane.KubectlAsync(PolicyApiCrds.WaitEstablished);
        await Plane.ApplyAsync(CalicoPolicyCrds.Manifest);
        await Plane.KubectlAsync(CalicoPolicyCrds.WaitEstablished);
        await Plane.ApplyAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: kube-proxy, namespace: clusternet}
            data: {config.conf: "mode: ipvs"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-settings, namespace: clusternet}
            data: {password: hunter2}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: db, namespace: clusternet}
            stringData: {password: hunter2}
            """);
        var token = await Plane.ServiceAccountTokenAsync("clusternet", "clusternet");
        var config = Plane.ConfigForToken(token);

        await using var source = new LiveClusterSource(config, new SourceInfo("incluster", "testenv"), new LiveSourceOptions(), Logs);
        source.RequestLog = [];
        await source.StartAsync(CancellationToken.None);
        var snap = await LiveWait.ForAsync(
            source.Store,
            s => s.Kinds.Values.All(k => k.State == KindState.Synced) && s.ConfigMaps.Get("clusternet", "kube-proxy") is not null,
            "every kind synced with the ServiceAccount's token",
            TimeSpan.FromSeconds(30));
        Assert.All(snap.Kinds, kv => Assert.Equal(KindState.Synced, kv.Value.State));
        Assert.Null(snap.ConfigMaps.Get("clusternet", "app-settings"));
        Assert.DoesNotContain(source.RequestLog, path => path.Contains("secrets", StringComparison.Ordinal));

        var client = new k8s.Kubernetes(config);
        await AssertForbidden(() => client.ListSecretForAllNamespacesAsync(), "list secrets");
        await AssertForbidden(() => client.ReadNamespacedSecretAsync("db", "clusternet"), "get secret");
        await AssertForbidden(() => client.ReadNamespacedConfigMapAsync("app-settings", "clusternet"), "get a ConfigMap not named in the role");
        await AssertForbidden(() => client.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "clusternet"), "create configmap");
        await AssertForbidden(() => client.DeleteNamespacedServiceAsync("clusternet", "clusternet"), "delete service");
        await AssertForbidden(() => client.PatchNamespacedDeploymentAsync(new V1Patch("{\"spec\":{\"replicas\":0}}", V1Patch.PatchType.MergePatch), "clusternet", "clusternet"), "patch deployment");
        await AssertForbidden(() => client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "evil" } }), "create namespace");
    }

    [Fact]
    public void ClusterRole_GrantsExactlyWhatTheLiveSourceReads()
    {
        var granted = ReadClusterRole(Path.Combine(DeployDir, "base", "clusterrole.yaml"));
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in LiveResourceCatalog.Build(new LiveSourceOptions()))
        {
            foreach (var target in spec.Candidates)
            {
                var names = spec.Kind == ResourceKind.ConfigMaps ? spec.Name : "*";
                foreach (var verb in UsedVerbs)
                {
                    used.Add($"{target.Group}/{target.Resource}/{verb}/{names}");
                }
            }
        }

        Assert.Empty(granted.Except(used).Order());   // granted but never used: not minimal
        Assert.Empty(used.Except(granted).Order());   // used but not granted: not sufficient
    }

    private static HashSet<string> ReadClusterRole(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode rule in ((YamlSequenceNode)root["rules"]).Children.Cast<YamlMappingNode>())
        {
            IEnumerable<string> List(string key) =>
                rule.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value ?? "") : [];
            var names = List("resourceNames").DefaultIfEmpty("*").ToList();
            foreach (var group in List("apiGroups"))
            {
                foreach (var resource in List("resources"))
                {
                    foreach (var verb in List("verbs"))
                    {
                        foreach (var name in names)
                        {
                            set.Add($"{group}/{resource}/{verb}/{name}");
                        }
                    }
                }
            }
        }

        return set;
    }

    private static async Task AssertForbidden(Func<Task> call, string what)
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.True(ex.Response.StatusCode == HttpStatusCode.Forbidden, $"{what}: expected 403, got {(int)ex.Response.StatusCode}");
    }
}
