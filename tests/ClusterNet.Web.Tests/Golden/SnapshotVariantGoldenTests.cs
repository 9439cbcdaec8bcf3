using System.Text.Json;
using System.Threading.Channels;
using ClusterNet.Core.Model;
using ClusterNet.Testing;
using ClusterNet.Web.Hubs;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Golden;

/// <summary>
/// Goldens that need an app of their own because they change the store: a partly synced snapshot (statuses with a
/// message, /readyz 503) and the hub's <c>SnapshotChanged</c> payload after one pod is added. Same file layout and
/// normalisation as <see cref="RestGoldenTests"/>.
/// </summary>
public sealed class SnapshotVariantGoldenTests
{
    public static readonly string[] Names = ["variant/partial-sync-snapshot", "variant/partial-sync-readyz", "hub/snapshot-changed"];

    [Fact]
    public async Task PartialSync_SnapshotAndReadyz_MatchGoldenFiles()
    {
        // Never fully synced, so /readyz still answers 503: readiness latches on the first complete sync.
        var source = RestGoldenTests.DemoApp.Source(synced: false);
        foreach (var kind in source.Store.Kinds)
        {
            source.Store.SetStatus(kind, kind switch
            {
                ResourceKind.NetworkPolicies => new KindStatus(KindState.Forbidden, 0, "networkpolicies.networking.k8s.io is forbidden: User \"system:serviceaccount:clusternet:clusternet\" cannot list resource \"networkpolicies\""),
                ResourceKind.IpPools => new KindStatus(KindState.NotServed, 0),
                ResourceKind.Pods => new KindStatus(KindState.Syncing, 0, Loaded: 5, Expected: 16),
                ResourceKind.Services => new KindStatus(KindState.Reconnecting, 5, "watch closed: connection reset"),
                ResourceKind.Ingresses => new KindStatus(KindState.Error, 1, "the server could not find the requested resource"),
                _ => new KindStatus(KindState.Synced, 0, ApiVersion: "v1"),
            });
        }

        source.Store.Flush();
        await using var factory = new WebAppFactory(source, RestGoldenTests.DemoApp.Settings);
        using var client = factory.CreateClient();

        foreach (var (name, path) in new[] { (Names[0], "/api/snapshot"), (Names[1], "/readyz") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            using var response = await client.SendAsync(request);
            GoldenFile.AssertMatches($"{RestGoldenTests.ExpectedDir}/{name}.golden.txt", await RestGoldenTests.Render(request, null, response));
        }
    }

    [Fact]
    public async Task Hub_PodAdded_SnapshotChangedMatchesGoldenFile()
    {
        var source = RestGoldenTests.DemoApp.Source();
        await using var factory = new WebAppFactory(source, RestGoldenTests.DemoApp.Settings);
        var received = Channel.CreateUnbounded<string>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/cluster"), o => o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler())
            .Build();

        // The argument's raw JSON as the server wrote it: the SignalR envelope is the library's, the payload is ours.
        connection.On<JsonElement>(ClusterHub.SnapshotChanged, m => received.Writer.TryWrite(m.GetRawText()));
        await connection.StartAsync();
        var counter = factory.Services.GetRequiredService<HubConnectionCounter>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (counter.Count < 1)
        {
            await Task.Delay(10, timeout.Token);
        }

        source.Store.Upsert(SampleCluster.Pod("dev", "pod9", "10.244.1.9", "node01", ("app", "web")));
        source.Store.Flush();
        var payload = await received.Reader.ReadAsync(timeout.Token);

        GoldenFile.AssertMatches($"{RestGoldenTests.ExpectedDir}/{Names[2]}.golden.txt", $"< {ClusterHub.Path} {ClusterHub.SnapshotChanged} (after one pod was added)\n--- payload\n{payload}\n");
    }
}
