using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using ClusterNet.Testing;
using ClusterNet.Web.Hubs;
using ClusterNet.Web.Security.Scoping;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// Auth:ScopeByRbac against the real API server: users with different RoleBindings see different namespaces through
/// REST and the hub; cluster-scoped kinds need the cluster right; a new binding shows once the cache expires; Token
/// mode asks about Auth:TokenUser.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
[Trait("Category", "ControlPlane")]
public sealed class ScopeByRbacTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);
    private RunningApp _app = null!;

    public async Task InitializeAsync()
    {
        await RbacTestCluster.ApplyAsync(fixture.Plane);
        _app = await RbacTestCluster.StartOidcAppAsync(fixture.Plane, CacheDuration);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<List<string>> PodsAsync(HttpClient client, string query = "")
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/pods" + query));
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(p => $"{p.GetProperty("namespace").GetString()}/{p.GetProperty("name").GetString()}")];
    }

    private static List<string> Ours(IEnumerable<string> keys) =>
        [.. keys.Where(k => RbacTestCluster.OurNamespaces.Any(ns => k.StartsWith(ns + "/", StringComparison.Ordinal))).Order(StringComparer.Ordinal)];

    private static async Task<JsonElement> SnapshotAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/snapshot")).RootElement;

    [Fact]
    public async Task Rest_UsersWithDifferentBindings_SeeOnlyTheirNamespaces()
    {
        using var alice = RbacTestCluster.As(_app, "alice");
        using var bob = RbacTestCluster.As(_app, "bob", "team-beta");
        using var carol = RbacTestCluster.As(_app, "carol");
        using var mallory = RbacTestCluster.As(_app, "mallory", "team-gamma");

        Assert.Equal(["sec-alpha/a1", "sec-alpha/a2"], await PodsAsync(alice));
        Assert.Equal(["sec-beta/b1"], await PodsAsync(bob));
        Assert.Empty(await PodsAsync(mallory));
        Assert.Equal(["sec-alpha/a1", "sec-alpha/a2", "sec-beta/b1", "sec-gamma/g1"], Ours(await PodsAsync(carol)));

        // Asking for another namespace by name shows nothing either.
        Assert.Empty(await PodsAsync(alice, "?namespace=sec-beta"));

        // Counts follow the cut; cluster-scoped kinds need the cluster right (carol lists nodes, alice does not).
        var aliceSnapshot = await SnapshotAsync(alice);
        Assert.Equal(2, aliceSnapshot.GetProperty("kinds").GetProperty("pods").GetProperty("count").GetInt32());
        Assert.Equal(1, aliceSnapshot.GetProperty("kinds").GetProperty("namespaces").GetProperty("count").GetInt32());
        Assert.Equal(0, aliceSnapshot.GetProperty("kinds").GetProperty("nodes").GetProperty("count").GetInt32());
        using var aliceNodes = JsonDocument.Parse(await alice.GetStringAsync("/api/nodes"));
        Assert.Empty(aliceNodes.RootElement.GetProperty("items").EnumerateArray());
        using var carolNodes = JsonDocument.Parse(await carol.GetStringAsync("/api/nodes"));
        Assert.Contains(carolNodes.RootElement.GetProperty("items").EnumerateArray(), n => n.GetProperty("name").GetString() == "sec-node-1");
        Assert.Equal(1, (await SnapshotAsync(bob)).GetProperty("kinds").GetProperty("pods").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Rest_Anonymous_Unauthorized()
    {
        using var anonymous = _app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/pods");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Rest_BindingAdded_VisibleAfterCacheExpires()
    {
        using var alice = RbacTestCluster.As(_app, "alice");
        Assert.DoesNotContain("sec-gamma/g1", await PodsAsync(alice));

        await fixture.Plane.ApplyAsync("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: alice-gamma, namespace: sec-gamma}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sec-pod-reader}
            subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}]
            """);
        try
        {
            var seen = false;
            for (var i = 0; i < 100 && !seen; i++)
            {
                await Task.Delay(250);
                seen = (await PodsAsync(alice)).Contains("sec-gamma/g1");
            }

            Assert.True(seen, "alice's new RoleBinding never showed");
        }
        finally
        {
            await fixture.Plane.KubectlAsync("-n", "sec-gamma", "delete", "rolebinding", "alice-gamma");
        }
    }

    private async Task<(HubConnection Connection, Channel<JsonElement> Messages)> ConnectAsync(string user, params string[] groups)
    {
        var messages = Channel.CreateUnbounded<JsonElement>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.BaseAddress, "hubs/cluster"), o =>
            {
                o.Headers["X-Test-User"] = user;
                if (groups.Length > 0)
                {
                    o.Headers["X-Test-Groups"] = string.Join(',', groups);
                }
            })
            .Build();
        connection.On<JsonElement>(ClusterHub.SnapshotChanged, m => messages.Writer.TryWrite(m.Clone()));
        var audience = _app.Services.GetRequiredService<HubAudience>();
        var groupsBefore = audience.GroupCount;
        await connection.StartAsync();
        // StartAsync returns at the handshake; the server joins the identity's group after a SubjectAccessReview. A change
        // published before that reaches nobody, so wait until the (new) identity group is there.
        using var joined = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (audience.GroupCount <= groupsBefore)
        {
            await Task.Delay(20, joined.Token);
        }

        return (connection, messages);
    }

    private static async Task<JsonElement> ReadUntilAsync(Channel<JsonElement> messages, Func<JsonElement, bool> done, List<JsonElement>? seen = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await messages.Reader.ReadAsync(timeout.Token);
            seen?.Add(message);
            if (done(message))
            {
                return message;
            }
        }
    }

    private static int Pods(JsonElement message) => message.GetProperty("counts").GetProperty("pods").GetInt32();

    [Fact]
    public async Task Hub_TwoUsers_EachReceivesOwnCountsAndChanges()
    {
        var (alice, aliceMessages) = await ConnectAsync("alice");
        var (bob, bobMessages) = await ConnectAsync("bob", "team-beta");
        try
        {
            await fixture.Plane.ApplyAsync("""
                apiVersion: v1
                kind: Pod
                metadata: {name: b2, namespace: sec-beta}
                spec: {containers: [{name: c, image: nginx}]}
                """);

            var bobSees = await ReadUntilAsync(bobMessages, m => Pods(m) == 2);
            Assert.Contains("pods", bobSees.GetProperty("changedKinds").EnumerateArray().Select(k => k.GetString()));
            Assert.Equal(0, bobSees.GetProperty("counts").GetProperty("nodes").GetInt32());

            // Nothing changed in alice's namespace: she gets no message at all (even an empty one would tell her that
            // something changed elsewhere). Her first message is the one for her own namespace's change.
            await fixture.Plane.ApplyAsync("""
                apiVersion: v1
                kind: Pod
                metadata: {name: a3, namespace: sec-alpha}
                spec: {containers: [{name: c, image: nginx}]}
                """);
            var aliceSeen = new List<JsonElement>();
            await ReadUntilAsync(aliceMessages, m => Pods(m) == 3, aliceSeen);
            var first = Assert.Single(aliceSeen);
            Assert.Contains("pods", first.GetProperty("changedKinds").EnumerateArray().Select(k => k.GetString()));
        }
        finally
        {
            await fixture.Plane.KubectlAsync("-n", "sec-beta", "delete", "pod", "b2", "--grace-period=0", "--force");
            await fixture.Plane.KubectlAsync("-n", "sec-alpha", "delete", "pod", "a3", "--grace-period=0", "--force", "--ignore-not-found");
            await alice.DisposeAsync();
            await bob.DisposeAsync();
        }
    }

    [Fact]
    public async Task TokenMode_TokenHolder_ReviewedAsTokenUser()
    {
        const string token = "70ce70ce70ce70ce70ce70ce70ce70ce";
        await using var app = await RunningApp.StartAsync(
        [
            "--Cluster:Source=kubeconfig", $"--Cluster:Kubeconfig={fixture.Plane.AdminKubeconfig}",
            "--Auth:Mode=Token", $"--Auth:TokenFile={RunningApp.WriteTokenFile(token)}", "--Auth:ScopeByRbac=true", "--Auth:TokenUser=sec-token-user",
        ]);
        await RbacTestCluster.WaitForPodsAsync(app, ["sec-gamma/g1"]);
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(["sec-gamma/g1"], Ours(await PodsAsync(client)));
        Assert.Single(await PodsAsync(client));
    }
}
