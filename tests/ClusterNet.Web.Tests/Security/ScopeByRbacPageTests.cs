using Bunit;
using ClusterNet.Testing;
using ClusterNet.Web.Security.Scoping;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// The Cluster page under Auth:ScopeByRbac: the page renders from the ISnapshotFeed of a circuit's DI scope of the
/// running app, whose user was set by the app's own circuit handler from the authentication state, as in a browser.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
[Trait("Category", "ControlPlane")]
public sealed class ScopeByRbacPageTests(ControlPlaneFixture fixture) : ShellTestContext
{
    private static async Task<ISnapshotFeed> CircuitFeedAsync(IServiceScope circuit, string user, params string[] groups)
    {
        var authentication = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(
            Task.FromResult(new AuthenticationState(RbacTestCluster.Principal(user, groups))));
        foreach (var handler in circuit.ServiceProvider.GetServices<CircuitHandler>())
        {
            await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        }

        return circuit.ServiceProvider.GetRequiredService<ISnapshotFeed>();
    }

    private List<string> RenderedPods(ISnapshotFeed feed)
    {
        Services.AddSingleton(feed);
        Navigation.NavigateTo("/cluster?tab=pods");
        var cut = Render<ClusterNet.Web.Components.Pages.Cluster>();
        return [.. cut.FindAll("[aria-label=Pods] tbody tr").Select(tr =>
            $"{tr.QuerySelector("td[data-label=Namespace]")?.TextContent.Trim()}/{tr.QuerySelector("td[data-label=Name]")?.TextContent.Trim()}")];
    }

    [Theory]
    [InlineData("alice", "", new[] { "sec-alpha/a1", "sec-alpha/a2" })]
    [InlineData("bob", "team-beta", new[] { "sec-beta/b1" })]
    public async Task ClusterPage_SignedInUser_ListsOnlyPodsOfTheirNamespaces(string user, string groups, string[] expected)
    {
        await RbacTestCluster.ApplyAsync(fixture.Plane);
        await using var app = await RbacTestCluster.StartOidcAppAsync(fixture.Plane, TimeSpan.FromSeconds(30));
        using var circuit = app.Services.CreateScope();
        var feed = await CircuitFeedAsync(circuit, user, groups.Split(',', StringSplitOptions.RemoveEmptyEntries));
        Assert.IsType<ScopedSnapshotFeed>(feed);

        var rows = RenderedPods(feed);

        Assert.Equal(expected, rows);
    }
}
