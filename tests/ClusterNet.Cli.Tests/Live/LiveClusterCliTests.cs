using System.Text.RegularExpressions;
using ClusterNet.Testing;

namespace ClusterNet.Cli.Tests.Live;

/// <summary>
/// The commands against the real kube-apiserver 1.20 (tests/testenv): a kubeconfig and context give the same answer
/// as a manifests dump of the same objects; a missing kubeconfig and a user who may not list the kinds exit 2 saying why.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
[Trait("Category", "ControlPlane")]
public sealed partial class LiveClusterCliTests(ControlPlaneFixture fixture) : IDisposable
{
    private const string Ns = "it-cli-live";
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-cli-live-").FullName;

    private TestControlPlane Plane => fixture.Plane;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Reach_KubeconfigAndContext_SameJsonAsManifestsDumpOfTheSameObjects()
    {
        await SeedAsync();
        var kubeconfig = await WriteKubeconfigAsync();
        var dump = Path.Combine(_dir, "dump.yaml");
        await File.WriteAllTextAsync(dump,
            await Plane.KubectlAsync("get", "nodes,namespaces", "-o", "yaml") + "---\n" +
            await Plane.KubectlAsync("get", "pods,networkpolicies", "-n", Ns, "-o", "yaml"));

        // The kubeconfig's current context points at a dead server: only --context makes the live read work.
        var live = await RunAsync("reach", "--kubeconfig", kubeconfig, "--context", "cli-test", "-n", Ns, "--from", $"{Ns}/client", "--format", "json");
        var files = await RunAsync("reach", "--manifests", dump, "--from", $"{Ns}/client", "--format", "json");

        Assert.Equal((0, ""), (live.Code, live.Err));
        Assert.Equal(0, files.Code);
        Assert.Contains($"\"from\":\"{Ns}/client\",\"to\":\"{Ns}/db\",\"port\":5432,\"protocol\":\"TCP\",\"allowed\":false", live.Out, StringComparison.Ordinal);
        Assert.Contains($"\"to\":\"{Ns}/web\",\"port\":80,\"protocol\":\"TCP\",\"allowed\":true", live.Out, StringComparison.Ordinal);
        Assert.Equal(files.Out, live.Out);
    }

    [Fact]
    public async Task Reach_KubeconfigEnvironmentVariable_UsedWhenNoFlag()
    {
        await SeedAsync();
        var kubeconfig = await WriteKubeconfigAsync(current: "cli-test");

        var result = await RunAsync(["reach", "-n", Ns, "--from", $"{Ns}/client", "--to", $"{Ns}/web", "--format", "table"], env: kubeconfig);

        Assert.Equal(0, result.Code);
        Assert.Contains($"{Ns}/client", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reach_UserWhoMayNotListPods_Exit2NamingTheKinds()
    {
        var result = await RunAsync("reach", "--kubeconfig", Plane.NobodyKubeconfig, "--format", "json");

        Assert.Equal(2, result.Code);
        Assert.Equal("", result.Out);
        Assert.Contains("could not read pods, networkpolicies from context", result.Err, StringComparison.Ordinal);
        Assert.Contains("forbidden", result.Err, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reach_DeadServerInCurrentContext_Exit2NamingContextAndServer()
    {
        var kubeconfig = await WriteKubeconfigAsync();

        var result = await RunAsync("dns", "findings", "--kubeconfig", kubeconfig);

        Assert.Equal(2, result.Code);
        Assert.Contains("context 'dead'", result.Err, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", result.Err, StringComparison.Ordinal);
    }

    private async Task SeedAsync()
    {
        await Plane.ApplyAsync($$$"""
            apiVersion: v1
            kind: Namespace
            metadata: {name: {{{Ns}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client, namespace: {{{Ns}}}, labels: {role: client}}
            spec: {containers: [{name: c, image: busybox}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: {{{Ns}}}, labels: {role: web}}
            spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: {{{Ns}}}, labels: {role: db}}
            spec: {containers: [{name: c, image: postgres, ports: [{containerPort: 5432}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-from-web-only, namespace: {{{Ns}}}}
            spec:
              podSelector: {matchLabels: {role: db}}
              ingress:
              - from:
                - podSelector: {matchLabels: {role: web}}
            """);
        await Plane.SetPodStatusAsync(Ns, "client", "Running", "10.244.7.10");
        await Plane.SetPodStatusAsync(Ns, "web", "Running", "10.244.7.11");
        await Plane.SetPodStatusAsync(Ns, "db", "Running", "10.244.7.12");
    }

    /// <summary>Two contexts: <c>cli-test</c> (the admin user on the test server) and <c>dead</c> (nothing listens).</summary>
    private async Task<string> WriteKubeconfigAsync(string current = "dead")
    {
        var admin = await File.ReadAllTextAsync(Plane.AdminKubeconfig);
        var ca = CaData().Match(admin).Groups[1].Value;
        var path = Path.Combine(_dir, $"kubeconfig-{current}");
        await File.WriteAllTextAsync(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster: {server: "{{Plane.ApiServerUrl}}", certificate-authority-data: {{ca}}}
            - name: nowhere
              cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
            users:
            - name: admin
              user: {token: {{Plane.AdminToken}}}
            contexts:
            - name: cli-test
              context: {cluster: test, user: admin}
            - name: dead
              context: {cluster: nowhere, user: admin}
            current-context: {{current}}
            """);
        return path;
    }

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(args, env: null);

    private async Task<(int Code, string Out, string Err)> RunAsync(string[] args, string? env)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Stdout = stdout,
            Stderr = stderr,
            GetEnvironmentVariable = name => name == "KUBECONFIG" ? env : null,
            Home = _dir,
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        var code = await CliApp.RunAsync(args, context);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex("certificate-authority-data: (\\S+)")]
    private static partial Regex CaData();
}
