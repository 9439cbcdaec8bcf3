using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>The CLI's one-shot reader against the real kube-apiserver 1.20 (tests/testenv): one list per kind, RBAC gaps as diagnostics.</summary>
public sealed class LiveSnapshotReaderIntegrationTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    [Fact]
    public async Task ReadAsync_AdminKubeconfig_ListsEachKindOnceAndNeverWatches()
    {
        const string ns = "it-oneshot";
        await Plane.ApplyAsync($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{ns}}}, labels: {team: cli}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: {{{ns}}}, labels: {app: web}}
            spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: {{{ns}}}}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: {{{ns}}}}
            spec: {podSelector: {}}
            """);
        var requests = new List<string>();
        var config = KubeconfigLoader.Load(Plane.AdminKubeconfig, context: null);

        var snap = await LiveSnapshotReader.ReadAsync(config, new SourceInfo("kubeconfig", "admin"), new LiveSourceOptions(), Logs, requests, CancellationToken.None);

        Assert.Equal(ConnectionState.Connected, snap.Connection);
        Assert.Equal("cli", snap.Namespaces.Get("", ns)!.Labels["team"]);
        Assert.NotNull(snap.Pods.Get(ns, "web-0"));
        Assert.NotNull(snap.Services.Get(ns, "web"));
        Assert.NotNull(snap.NetworkPolicies.Get(ns, "deny-all"));
        Assert.Equal(KindState.Synced, snap.StatusOf(ResourceKind.Pods).State);
        Assert.Equal("discovery.k8s.io/v1beta1", snap.StatusOf(ResourceKind.Endpoints).ApiVersion);
        Assert.DoesNotContain(requests, r => r.Contains("watch=", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Contains("secrets", StringComparison.Ordinal));
        Assert.Single(requests, r => r.StartsWith("/api/v1/pods?", StringComparison.Ordinal));
        // Calico CRDs may or may not be installed by other tests: either way those kinds are settled, never pending.
        Assert.All(snap.Kinds.Values, k => Assert.True(k.State is KindState.Synced or KindState.NotServed, k.ToString()));
        Assert.All(snap.Diagnostics.Where(d => d.Object is ResourceKind.IpPools or ResourceKind.BgpConfigurations), d => Assert.Equal("warning", d.Severity));
    }

    [Fact]
    public async Task ReadAsync_TokenUserWithListOnSomeKindsInOneNamespace_ReportsTheOthersAsForbidden()
    {
        const string ns = "it-oneshot-rbac";
        await Plane.ApplyAsync($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{ns}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-0, namespace: {{{ns}}}}
            spec: {containers: [{name: c, image: nginx}]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: list-pods-services, namespace: {{{ns}}}}
            rules: [{apiGroups: [""], resources: [pods, services], verbs: [list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: list-pods-services, namespace: {{{ns}}}}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: list-pods-services}
            subjects: [{kind: ServiceAccount, name: lister, namespace: {{{ns}}}}]
            """);
        var token = await Plane.ServiceAccountTokenAsync(ns, "lister");

        var snap = await LiveSnapshotReader.ReadAsync(
            Plane.ConfigForToken(token), new SourceInfo("kubeconfig", "lister"), new LiveSourceOptions { Namespace = ns }, Logs, null, CancellationToken.None);

        Assert.Equal(KindState.Synced, snap.StatusOf(ResourceKind.Pods).State);
        Assert.Equal(KindState.Synced, snap.StatusOf(ResourceKind.Services).State);
        Assert.Equal("api-0", Assert.Single(snap.Pods).Name);
        Assert.Equal(KindState.Forbidden, snap.StatusOf(ResourceKind.NetworkPolicies).State);
        Assert.Equal(KindState.Forbidden, snap.StatusOf(ResourceKind.Nodes).State);
        var policies = Assert.Single(snap.Diagnostics, d => d.Object == ResourceKind.NetworkPolicies);
        Assert.Equal("warning", policies.Severity);
        Assert.Contains("forbidden", policies.Message, StringComparison.Ordinal);
        Assert.Contains($"verbs [list] on resource \"networkpolicies\" in apiGroup \"networking.k8s.io\" in namespace {ns}", policies.Message, StringComparison.Ordinal);
        var nodes = Assert.Single(snap.Diagnostics, d => d.Object == ResourceKind.Nodes);
        Assert.Contains("cluster-wide", nodes.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_ServerDown_SaysDisconnectedWithTheReason()
    {
        var config = Plane.AdminConfig();
        config.Host = "https://127.0.0.1:1";

        var snap = await LiveSnapshotReader.ReadAsync(config, new SourceInfo("kubeconfig", "down"), new LiveSourceOptions { Kinds = [ResourceKind.Pods] }, Logs, null, CancellationToken.None);

        Assert.Equal(ConnectionState.Disconnected, snap.Connection);
        Assert.Contains("127.0.0.1:1", snap.ConnectionMessage, StringComparison.Ordinal);
        Assert.Equal(KindState.Error, snap.StatusOf(ResourceKind.Pods).State);
        Assert.Equal("error", Assert.Single(snap.Diagnostics).Severity);
    }

    [Fact]
    public void KubeconfigLoader_UnknownContext_NamesFileAndContext()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(Plane.AdminKubeconfig, "no-such-context"));

        Assert.Contains("no-such-context", e.Message, StringComparison.Ordinal);
        Assert.Contains(Plane.AdminKubeconfig, e.Message, StringComparison.Ordinal);
    }
}
