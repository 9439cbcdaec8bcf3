using System.Security.Claims;
using ClusterNet.Web.Configuration;
using ClusterNet.Web.Security;
using ClusterNet.Web.Security.Scoping;
using Microsoft.Extensions.Configuration;

namespace ClusterNet.Web.Tests.Security;

public sealed class AccessIdentityTests
{
    private static ClaimsPrincipal Signed(string? name, params string[] groups) =>
        new(new ClaimsIdentity([.. name is null ? [] : new[] { new Claim(ClaimTypes.Name, name) }, .. groups.Select(g => new Claim(ClusterNetClaims.Group, g))], "test"));

    [Fact]
    public void From_OidcWithPrefixes_NameAndGroupsAsTheApiServerKnowsThem()
    {
        var options = new AuthOptions { Mode = AuthMode.Oidc, Oidc = { UserPrefix = "oidc:", GroupsPrefix = "oidc:" } };

        var identity = AccessIdentity.From(Signed("alice", "ops", "dev", "ops"), options)!;

        Assert.Equal("oidc:alice", identity.User);
        Assert.Equal(["oidc:dev", "oidc:ops"], identity.Groups.ToArray());
    }

    [Fact]
    public void From_Token_EveryHolderIsTheConfiguredUser()
    {
        var options = new AuthOptions { Mode = AuthMode.Token, TokenUser = "dash-viewer", TokenGroups = ["viewers"] };

        var identity = AccessIdentity.From(Signed("token-user"), options)!;

        Assert.Equal("dash-viewer", identity.User);
        Assert.Equal(["viewers"], identity.Groups.ToArray());
    }

    [Fact]
    public void From_AnonymousOrNameless_NoIdentity()
    {
        var options = new AuthOptions { Mode = AuthMode.Oidc };

        Assert.Null(AccessIdentity.From(new ClaimsPrincipal(new ClaimsIdentity()), options));
        Assert.Null(AccessIdentity.From(Signed(null, "ops"), options));
    }

    [Fact]
    public void Key_SameUserAndGroupsInAnyOrder_Same()
    {
        Assert.Equal(AccessIdentity.Create("a", ["x", "y"])!.Key, AccessIdentity.Create("a", ["y", "x"])!.Key);
        Assert.NotEqual(AccessIdentity.Create("a", ["x"])!.Key, AccessIdentity.Create("a", ["y"])!.Key);
    }

    [Fact]
    public void Key_NewlineInUserName_NeverAnotherUsersKey()
    {
        Assert.NotEqual(AccessIdentity.Create("alice\nadmins", [])!.Key, AccessIdentity.Create("alice", ["admins"])!.Key);
        Assert.NotEqual(AccessIdentity.Create("a", ["b\nc"])!.Key, AccessIdentity.Create("a", ["b", "c"])!.Key);
    }

    [Fact]
    public void From_SystemNames_NeverReviewed()
    {
        var options = new AuthOptions { Mode = AuthMode.Oidc, Oidc = { UserPrefix = "-", GroupsPrefix = "-" } };

        Assert.Null(AccessIdentity.From(Signed("system:kube-controller-manager"), options));
        Assert.Null(AccessIdentity.From(Signed("System:Admin"), options));
        var identity = AccessIdentity.From(Signed("mallory", "system:masters", "system:nodes", "ops"), options)!;
        Assert.Equal("mallory", identity.User);
        Assert.Equal(["ops"], identity.Groups.ToArray());
    }

    [Fact]
    public void Validate_ScopeByRbacOidcWithoutPrefixes_Refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Source"] = "kubeconfig" }).Build();
        var options = new AuthOptions { Mode = AuthMode.Oidc, ScopeByRbac = true, Oidc = { Authority = "https://idp.example/", ClientId = "c", GroupsPrefix = "oidc:" } };

        var result = new AuthOptionsValidator(configuration, new InClusterEnvironment(_ => null, _ => null)).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("needs Auth:Oidc:UserPrefix and Auth:Oidc:GroupsPrefix", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("system:admin", "")]
    [InlineData("dash", "system:masters")]
    public void Validate_ScopeByRbacTokenIdentityReserved_Refused(string user, string group)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Source"] = "kubeconfig" }).Build();
        var token = RunningApp.WriteTokenFile("c0ffee00c0ffee00c0ffee00c0ffee00");
        var options = new AuthOptions { Mode = AuthMode.Token, TokenFile = token, ScopeByRbac = true, TokenUser = user, TokenGroups = group.Length == 0 ? [] : [group] };

        var result = new AuthOptionsValidator(configuration, new InClusterEnvironment(_ => null, _ => null)).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("must not start with \"system:\"", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("None", "kubeconfig", "needs signed-in users")]
    [InlineData("Oidc", "demo", "the demo source has no API server")]
    [InlineData("Oidc", "file:/tmp/x.yaml", "the file source has no API server")]
    [InlineData("Oidc", "", "the demo source has no API server")]
    public void Validate_ScopeByRbacMisconfigured_FailsWithMessage(string mode, string source, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Source"] = source, ["urls"] = "http://127.0.0.1:5080",
        }).Build();
        var options = new AuthOptions
        {
            Mode = Enum.Parse<AuthMode>(mode), ScopeByRbac = true, Oidc = { Authority = "https://idp.example/", ClientId = "c" },
        };
        var notInCluster = new InClusterEnvironment(_ => null, _ => null);

        var result = new AuthOptionsValidator(configuration, notInCluster).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ScopeByRbacWithLiveSource_Succeeds()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Source"] = "kubeconfig" }).Build();
        var options = new AuthOptions { Mode = AuthMode.Oidc, ScopeByRbac = true, Oidc = { Authority = "https://idp.example/", ClientId = "c", UserPrefix = "oidc:", GroupsPrefix = "-" } };

        Assert.True(new AuthOptionsValidator(configuration, new InClusterEnvironment(_ => null, _ => null)).Validate(null, options).Succeeded);
    }
}
