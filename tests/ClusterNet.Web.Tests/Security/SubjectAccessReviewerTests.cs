using ClusterNet.Kubernetes.Access;
using ClusterNet.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ClusterNet.Web.Tests.Security;

/// <summary>The access reviews against the real API server: answers per user and group, cached, refreshed, fail closed.</summary>
[Collection(ControlPlaneCollection.Name)]
[Trait("Category", "ControlPlane")]
public sealed class SubjectAccessReviewerTests(ControlPlaneFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Namespaces = ["sec-alpha", "sec-beta", "sec-gamma", "default"];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private SubjectAccessReviewer _reviewer = null!;
    private k8s.Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        await RbacTestCluster.ApplyAsync(fixture.Plane);
        _client = fixture.Plane.AdminClient();
        _reviewer = new SubjectAccessReviewer(_client, TimeSpan.FromSeconds(30), NullLogger<SubjectAccessReviewer>.Instance, _time);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("alice", "", "sec-alpha", false, false)]
    [InlineData("bob", "team-beta", "sec-beta", false, false)]
    [InlineData("bob", "", "", false, false)]
    [InlineData("carol", "", "sec-alpha,sec-beta,sec-gamma,default", true, true)]
    [InlineData("mallory", "team-gamma", "", false, false)]
    public async Task ScopeFor_Bindings_MatchTheApiServer(string user, string groups, string expected, bool nodes, bool all)
    {
        var scope = await _reviewer.ScopeForAsync(user, groups.Split(',', StringSplitOptions.RemoveEmptyEntries), Namespaces, CancellationToken.None);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), scope.Namespaces.Order());
        Assert.Equal(nodes, scope.ClusterScoped);
        Assert.Equal(all, scope.AllNamespaces);
    }

    [Fact]
    public async Task ScopeFor_Repeated_CachedThenAskedAgainWhenStale()
    {
        await _reviewer.ScopeForAsync("alice", [], Namespaces, CancellationToken.None);
        var first = _reviewer.ReviewCount;
        Assert.Equal(2 + Namespaces.Length, first);

        await _reviewer.ScopeForAsync("alice", [], Namespaces, CancellationToken.None);
        Assert.Equal(first, _reviewer.ReviewCount);

        // A new namespace costs one review, not a new round.
        await _reviewer.ScopeForAsync("alice", [], [.. Namespaces, "kube-system"], CancellationToken.None);
        Assert.Equal(first + 1, _reviewer.ReviewCount);

        _time.Advance(TimeSpan.FromSeconds(31));
        var refreshed = await _reviewer.ScopeForAsync("alice", [], Namespaces, CancellationToken.None);
        Assert.Equal(first + 1 + first, _reviewer.ReviewCount);
        Assert.Equal(["sec-alpha"], refreshed.Namespaces);
    }

    [Fact]
    public async Task ScopeFor_ApiServerRefuses_FailsClosed()
    {
        // The nobody user may not create SubjectAccessReviews: every answer is "no", nothing throws.
        using var nobody = new k8s.Kubernetes(fixture.Plane.NobodyConfig());
        var reviewer = new SubjectAccessReviewer(nobody, TimeSpan.FromSeconds(30), NullLogger<SubjectAccessReviewer>.Instance, _time);

        var scope = await reviewer.ScopeForAsync("carol", [], Namespaces, CancellationToken.None);

        Assert.Empty(scope.Namespaces);
        Assert.False(scope.ClusterScoped);
    }

    [Fact]
    public async Task ScopeFor_SystemGroupsAndUsers_NeverReviewed()
    {
        // system:masters may do anything; a person must not borrow it through a claim.
        var borrowed = await _reviewer.ScopeForAsync("mallory", ["system:masters"], Namespaces, CancellationToken.None);
        var system = await _reviewer.ScopeForAsync("system:admin", [], Namespaces, CancellationToken.None);

        Assert.Empty(borrowed.Namespaces);
        Assert.False(borrowed.ClusterScoped);
        Assert.Empty(system.Namespaces);
        Assert.False(system.ClusterScoped);
    }

    [Fact]
    public async Task ScopeFor_NewlineInUserName_NotAnotherSubjectsCachedAnswer()
    {
        var bob = await _reviewer.ScopeForAsync("bob", ["team-beta"], Namespaces, CancellationToken.None);
        Assert.Contains("sec-beta", bob.Namespaces);

        var lookalike = await _reviewer.ScopeForAsync("bob\nteam-beta", [], Namespaces, CancellationToken.None);

        Assert.Empty(lookalike.Namespaces);
    }

    [Fact]
    public async Task ScopeFor_ManyUsersOverTime_ExpiredAnswersEvicted()
    {
        for (var i = 0; i < 5; i++)
        {
            await _reviewer.ScopeForAsync($"gone-{i}", [], Namespaces, CancellationToken.None);
        }

        Assert.Equal(5 * (1 + Namespaces.Length), _reviewer.CachedCount);

        _time.Advance(TimeSpan.FromSeconds(31));
        await _reviewer.ScopeForAsync("alice", [], Namespaces, CancellationToken.None);

        Assert.Equal(1 + Namespaces.Length, _reviewer.CachedCount);
    }
}
