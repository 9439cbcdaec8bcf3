using System.Security.Claims;
using ClusterNet.Testing;
using ClusterNet.Web.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// Namespaces, pods and bindings on the real API server for the ScopeByRbac tests, and the app configured against it:
/// alice may list pods in sec-alpha (RoleBinding to her name), bob in sec-beta (through his group team-beta), carol
/// everywhere plus nodes (ClusterRoleBinding), the token identity sec-token-user in sec-gamma, mallory nowhere.
/// </summary>
public static class RbacTestCluster
{
    public const string Manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: sec-alpha}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: sec-beta}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: sec-gamma}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: sec-node-1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: a1, namespace: sec-alpha}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: a2, namespace: sec-alpha}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: b1, namespace: sec-beta}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: g1, namespace: sec-gamma}
        spec: {containers: [{name: c, image: nginx}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: sec-pod-reader}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get, list, watch]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: sec-cluster-reader}
        rules: [{apiGroups: [""], resources: [pods, nodes], verbs: [get, list, watch]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: alice-pods, namespace: sec-alpha}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sec-pod-reader}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: team-beta-pods, namespace: sec-beta}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sec-pod-reader}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: team-beta}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: token-pods, namespace: sec-gamma}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sec-pod-reader}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: sec-token-user}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: sec-carol}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sec-cluster-reader}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: carol}]
        """;

    public static readonly string[] OurNamespaces = ["sec-alpha", "sec-beta", "sec-gamma"];

    public static Task ApplyAsync(TestControlPlane plane) => plane.ApplyAsync(Manifest);

    /// <summary>The app reading the control plane as admin, OIDC users simulated by <see cref="HeaderAuthenticationHandler"/>.</summary>
    public static async Task<RunningApp> StartOidcAppAsync(TestControlPlane plane, TimeSpan cacheDuration)
    {
        var app = await RunningApp.StartAsync(
        [
            "--Cluster:Source=kubeconfig", $"--Cluster:Kubeconfig={plane.AdminKubeconfig}", "--Cluster:UiBatchMilliseconds=0",
            "--Auth:Mode=Oidc", "--Auth:Oidc:Authority=https://127.0.0.1:9/", "--Auth:Oidc:ClientId=clusternet",
            "--Auth:Oidc:UserPrefix=-", "--Auth:Oidc:GroupsPrefix=-", "--Auth:ScopeByRbac=true", $"--Auth:RbacCacheDuration={cacheDuration:c}",
        ], HeaderAuthenticationHandler.Install);
        await WaitForPodsAsync(app, ["sec-alpha/a1", "sec-alpha/a2", "sec-beta/b1", "sec-gamma/g1"]);
        return app;
    }

    public static async Task WaitForPodsAsync(RunningApp app, IEnumerable<string> keys)
    {
        var feed = app.Services.GetRequiredService<SnapshotFeed>();
        var wanted = keys.ToList();
        for (var i = 0; i < 600; i++)
        {
            var pods = feed.Current.Pods.Select(p => p.Key.ToString()).ToHashSet();
            if (feed.InitialSyncComplete && wanted.All(pods.Contains))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the live source did not show {string.Join(", ", wanted)} within 60 s");
    }

    public static HttpClient As(RunningApp app, string user, params string[] groups)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Add("X-Test-User", user);
        if (groups.Length > 0)
        {
            client.DefaultRequestHeaders.Add("X-Test-Groups", string.Join(',', groups));
        }

        return client;
    }

    public static ClaimsPrincipal Principal(string user, params string[] groups) => HeaderAuthenticationHandler.Principal(user, groups);
}
