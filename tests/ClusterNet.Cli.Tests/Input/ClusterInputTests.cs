using ClusterNet.Cli;
using ClusterNet.Core.Model;

namespace ClusterNet.Cli.Tests.Input;

public sealed class ClusterInputTests : IDisposable
{
    private const string Manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: dev}
        ---
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "dev"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}
        ---
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b", "namespace": "prod"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ClusterInputOptions NoEnvironment(string home) => new() { GetEnvironmentVariable = _ => null, Home = home };

    [Fact]
    public async Task LoadAsync_Stdin_ReadsJsonDocumentsAndNamesStdin()
    {
        var snap = await ClusterInput.LoadAsync(new ClusterInputOptions { Manifests = "-" }, new StringReader(Manifest));

        Assert.Equal(("file", "<stdin>"), (snap.Source.Type, snap.Source.Name));
        Assert.Equal(["a", "b"], snap.Pods.Select(p => p.Name).Order());
    }

    [Fact]
    public async Task LoadAsync_Namespace_KeepsThatNamespaceAndClusterScopedObjects()
    {
        var snap = await ClusterInput.LoadAsync(new ClusterInputOptions { Manifests = "-", Namespace = "dev" }, new StringReader(Manifest));

        Assert.Equal("a", Assert.Single(snap.Pods).Name);
        Assert.Single(snap.Namespaces);
    }

    [Fact]
    public async Task LoadAsync_DirectoryWithAndWithoutRecursive_FollowsTheFlag()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "sub", "m.yaml"), Manifest);
        await File.WriteAllTextAsync(Path.Combine(_dir, "ns.json"), """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"top"}}""");

        var flat = await ClusterInput.LoadAsync(new ClusterInputOptions { Manifests = _dir }, TextReader.Null);
        var deep = await ClusterInput.LoadAsync(new ClusterInputOptions { Manifests = _dir, Recursive = true }, TextReader.Null);

        Assert.Empty(flat.Pods);
        Assert.Equal(2, deep.Pods.Count);
    }

    [Fact]
    public async Task LoadAsync_MissingManifests_IsUsageError()
    {
        var e = await Assert.ThrowsAsync<CliUsageException>(() => ClusterInput.LoadAsync(new ClusterInputOptions { Manifests = Path.Combine(_dir, "nope.yaml") }, TextReader.Null));

        Assert.Contains("nope.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ManifestsAndKubeconfig_IsUsageError() =>
        await Assert.ThrowsAsync<CliUsageException>(() => ClusterInput.LoadAsync(new ClusterInputOptions { Manifests = "-", Kubeconfig = "/k" }, TextReader.Null));

    [Fact]
    public async Task LoadAsync_NoManifestsNoKubeconfig_NamesHomeKubeConfig()
    {
        var e = await Assert.ThrowsAsync<CliUsageException>(() => ClusterInput.LoadAsync(NoEnvironment(_dir), TextReader.Null));

        Assert.Contains(Path.Combine(_dir, ".kube", "config"), e.Message, StringComparison.Ordinal);
        Assert.Contains("--manifests", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_KubeconfigFromEnvironment_UnreachableServerIsUsageErrorNamingContext()
    {
        var kubeconfig = Path.Combine(_dir, "kc");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: down, context: {cluster: c, user: u}}, {name: other, context: {cluster: c, user: u}}]
            current-context: other
            """);
        var options = NoEnvironment(_dir) with { GetEnvironmentVariable = v => v == "KUBECONFIG" ? kubeconfig : null, Context = "down", RequestTimeout = TimeSpan.FromSeconds(5) };

        var e = await Assert.ThrowsAsync<CliUsageException>(() => ClusterInput.LoadAsync(options, TextReader.Null));

        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("context 'down'", e.Message, StringComparison.Ordinal);
        Assert.Contains(kubeconfig, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_BadNamespace_IsUsageError()
    {
        var kubeconfig = Path.Combine(_dir, "kc");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var e = await Assert.ThrowsAsync<CliUsageException>(() => ClusterInput.LoadAsync(new ClusterInputOptions { Kubeconfig = kubeconfig, Namespace = "Bad_NS" }, TextReader.Null));

        Assert.Contains("Bad_NS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownKind_IsUsageErrorListingKnownKinds()
    {
        var kubeconfig = Path.Combine(_dir, "kc");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var e = await Assert.ThrowsAsync<CliUsageException>(() => ClusterInput.LoadAsync(new ClusterInputOptions { Kubeconfig = kubeconfig, Kinds = ["pods", "gadgets"] }, TextReader.Null));

        Assert.Contains("'gadgets'", e.Message, StringComparison.Ordinal);
        Assert.Contains("networkpolicies", e.Message, StringComparison.Ordinal);
    }
}
