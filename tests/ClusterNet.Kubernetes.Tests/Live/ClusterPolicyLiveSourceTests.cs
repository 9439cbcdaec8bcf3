using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// ClusterNetworkPolicy (v1alpha2) and AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1) from a real API server:
/// "not served" without their CRDs (no error), read once the test installs them, bad fields reported per object and
/// field while the rest loads, and deploy/'s ClusterRole allowing the list and watch.
/// </summary>
public sealed class ClusterPolicyLiveSourceTests(ControlPlaneFixture fixture, ITestOutputHelper output) : ControlPlaneTestBase(fixture, output)
{
    private static readonly LiveSourceOptions TestOptions = CrdTestOptions.For([ResourceKind.Namespaces, ResourceKind.Pods, ResourceKind.NetworkPolicies, .. PolicyApiCrds.Kinds]);

    [Fact]
    public async Task Sync_WithoutCrds_NotServed_ThenReadsEveryKindOnceInstalled()
    {
        await Plane.KubectlAsync(PolicyApiCrds.Delete);
        await using var source = AdminSource(TestOptions);
        await source.StartAsync(CancellationToken.None);
        var before = await LiveWait.ForAsync(
            source.Store,
            s => PolicyApiCrds.Kinds.All(k => s.StatusOf(k).State == KindState.NotServed) && s.StatusOf(ResourceKind.Pods).State == KindState.Synced,
            "cluster policy kinds not served",
            TimeSpan.FromSeconds(15));
        Assert.All(PolicyApiCrds.Kinds, k => Assert.Equal("notserved", before.StatusOf(k).StateName));

        await Plane.ApplyAsync(PolicyApiCrds.Manifest);
        await Plane.KubectlAsync(PolicyApiCrds.WaitEstablished);
        await Plane.ApplyAsync(Objects);

        var snap = await LiveWait.ForAsync(
            source.Store,
            s => PolicyApiCrds.Kinds.All(k => s.StatusOf(k).State == KindState.Synced)
                && s.ClusterNetworkPolicies.Count == 2 && s.AdminNetworkPolicies.Count == 1 && s.BaselineAdminNetworkPolicies.Count == 1,
            "cluster policies synced",
            TimeSpan.FromSeconds(20));

        Assert.Equal("policy.networking.k8s.io/v1alpha2", snap.StatusOf(ResourceKind.ClusterNetworkPolicies).ApiVersion);
        Assert.Equal("policy.networking.k8s.io/v1alpha1", snap.StatusOf(ResourceKind.AdminNetworkPolicies).ApiVersion);
        var blockDb = snap.ClusterNetworkPolicies.Get("", "it-block-db")!;
        Assert.Equal((ClusterPolicyTier.Admin, 10), (blockDb.Tier, blockDb.Priority!.Value));
        Assert.Equal([ClusterPolicyAction.Deny, ClusterPolicyAction.Pass], blockDb.Ingress.Select(r => r.Action!.Value));
        Assert.Equal(new ClusterPolicyPortInfo { Protocol = "TCP", Port = 5432 }, Assert.Single(blockDb.Ingress[0].Ports!.Value));
        Assert.Equal<string>(["10.0.0.0/8"], blockDb.Egress[0].Peers[0].Networks);
        Assert.Equal(ClusterPolicyAction.Accept, snap.AdminNetworkPolicies.Get("", "it-anp")!.Ingress[0].Action);
        Assert.Equal(ClusterPolicyTier.Baseline, snap.BaselineAdminNetworkPolicies.Get("", "default")!.Tier);

        // The bad one still loads; each problem names the object and the field.
        var bad = snap.ClusterNetworkPolicies.Get("", "it-bad")!;
        Assert.Equal(2000, bad.Priority);
        Assert.Null(bad.Ingress[0].Action);
        Assert.Contains(snap.Diagnostics, d => d.Object == "ClusterNetworkPolicy it-bad" && d.Field == "spec.priority" && d.Message.Contains("outside 0-1000"));
        Assert.Contains(snap.Diagnostics, d => d.Object == "ClusterNetworkPolicy it-bad" && d.Field == "spec.ingress[0].action" && d.Message.Contains("'Allow' is not Accept, Deny or Pass"));
        Assert.Contains(snap.Diagnostics, d => d.Object == "ClusterNetworkPolicy it-bad" && d.Field == "spec.egress[0].to[0].networks[0]" && d.Message.Contains("not a CIDR"));

        // And the engine takes them: the chain is there.
        Assert.True(PolicyEngine.Build(snap).HasTiers);
    }

    [Fact]
    public async Task DeployClusterRole_AllowsListAndWatchOfTheClusterPolicies()
    {
        var snap = await DeployRoleSync.SyncAsync(Plane, Output, TestOptions, PolicyApiCrds.Manifest, PolicyApiCrds.WaitEstablished, Objects,
            PolicyApiCrds.Kinds, ResourceKind.ClusterNetworkPolicies, s => s.ClusterNetworkPolicies.Count >= 1);
        Assert.All(PolicyApiCrds.Kinds, k => Assert.Equal(KindState.Synced, snap.StatusOf(k).State));
        Assert.NotNull(snap.ClusterNetworkPolicies.Get("", "it-block-db"));
    }

    private const string Objects = """
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: it-block-db}
        spec:
          tier: Admin
          priority: 10
          subject: {namespaces: {matchLabels: {team: db}}}
          ingress:
          - {name: no-postgres-from-dev, action: Deny, from: [{namespaces: {matchLabels: {env: dev}}}], protocols: [{tcp: {destinationPort: {number: 5432}}}]}
          - {action: Pass, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}
          egress:
          - {action: Accept, to: [{networks: [10.0.0.0/8]}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: it-bad}
        spec:
          tier: Admin
          priority: 2000
          subject: {namespaces: {}}
          ingress:
          - {action: Allow, from: [{namespaces: {}}]}
          egress:
          - {action: Deny, to: [{networks: [10.0.0.300/8]}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: it-anp}
        spec:
          priority: 20
          subject: {namespaces: {}}
          ingress:
          - {action: Allow, from: [{namespaces: {matchLabels: {team: monitoring}}}], ports: [{portNumber: {protocol: TCP, port: 9090}}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: BaselineAdminNetworkPolicy
        metadata: {name: default}
        spec:
          subject: {namespaces: {}}
          ingress:
          - {action: Deny, from: [{namespaces: {}}]}
        """;
}
