using System.Globalization;
using System.Text.Json;
using k8s;

namespace ClusterNet.Testing;

/// <summary>
/// A real Kubernetes 1.20 control plane (etcd, kube-apiserver, kube-controller-manager) on free loopback ports, started
/// through tests/testenv/start.sh and stopped through stop.sh. The binaries must have been provisioned
/// (tests/testenv/provision.sh, which ./test.sh runs); when they are missing or the start fails, <see cref="StartAsync"/>
/// throws with the scripts' message, so tests fail loudly instead of skipping.
/// Shared by test projects and the benchmarks: include this file and ShellCommand.cs with &lt;Compile Include=...&gt;.
/// </summary>
public sealed class TestControlPlane : IAsyncDisposable
{
    private readonly Dictionary<string, string> _env;
    private bool _disposed;

    private TestControlPlane(string repoRoot, string directory, Dictionary<string, string> env)
    {
        RepoRoot = repoRoot;
        Directory = directory;
        _env = env;
        // A crashed or aborted test run must not leave etcd and kube-apiserver behind (they run in their own session).
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public string RepoRoot { get; }

    /// <summary>State directory (env, kubeconfigs, logs/, pki/).</summary>
    public string Directory { get; }

    public string ApiServerUrl => _env["KUBE_APISERVER_URL"];

    public int ApiServerPort => int.Parse(_env["KUBE_APISERVER_PORT"], CultureInfo.InvariantCulture);

    public string EtcdEndpoint => _env["ETCD_ENDPOINT"];

    /// <summary>kubeconfig of user "admin" (group system:masters).</summary>
    public string AdminKubeconfig => _env["ADMIN_KUBECONFIG"];

    /// <summary>kubeconfig of user "nobody": authenticated, no RBAC bindings (discovery only).</summary>
    public string NobodyKubeconfig => _env["NOBODY_KUBECONFIG"];

    public string AdminToken => _env["ADMIN_TOKEN"];

    public string KubectlPath => _env["KUBECTL_BIN"];

    public string LogDirectory => _env["LOG_DIR"];

    private string TestEnv(string script) => Path.Combine(RepoRoot, "tests", "testenv", script);

    /// <summary>
    /// Starts a fresh control plane in a new temporary directory (about 5 s once provisioned). start.sh holds its ports
    /// from choosing them until the servers listen, so a failed start is a failure to report, not one to try again.
    /// </summary>
    public static async Task<TestControlPlane> StartAsync()
    {
        var root = FindRepoRoot();
        var dir = System.IO.Directory.CreateTempSubdirectory("clusternet-testenv-").FullName;
        var start = Path.Combine(root, "tests", "testenv", "start.sh");
        string failure;
        try
        {
            var result = await ShellCommand.RunAsync(start, [dir], timeout: TimeSpan.FromMinutes(4));
            if (result.ExitCode == 0)
            {
                var env = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(dir, "env.json")))
                    ?? throw new InvalidOperationException($"{dir}/env.json is empty");
                return new TestControlPlane(root, dir, env);
            }

            failure = $"{start} {dir} exited with {result.ExitCode}:\n{result.Tail()}";
        }
        catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception)
        {
            failure = $"{start} {dir}: {e.Message}";
        }

        throw new InvalidOperationException(StartFailure(failure));
    }

    private static string StartFailure(string detail)
    {
        var provision = Environment.GetEnvironmentVariable("CLUSTERNET_PROVISION_ERROR");
        return "The test control plane did not start, so integration tests against the real API server cannot run. "
            + "Provision it with tests/testenv/provision.sh (./test.sh does this) or point KUBE_APISERVER_BIN, "
            + "KUBE_CONTROLLER_MANAGER_BIN and KUBECTL_BIN at existing 1.20 binaries.\n"
            + (provision is null ? "" : $"Provisioning reported: {provision}\n")
            + detail;
    }

    /// <summary>The repository root: CLUSTERNET_REPO_ROOT, else the first parent of the test assembly holding Dashboard.sln.</summary>
    public static string FindRepoRoot()
    {
        if (Environment.GetEnvironmentVariable("CLUSTERNET_REPO_ROOT") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")) && System.IO.Directory.Exists(Path.Combine(dir.FullName, "tests", "testenv")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find the repository root (Dashboard.sln) above {AppContext.BaseDirectory}; set CLUSTERNET_REPO_ROOT");
    }

    public KubernetesClientConfiguration AdminConfig() => KubernetesClientConfiguration.BuildConfigFromConfigFile(AdminKubeconfig);

    public KubernetesClientConfiguration NobodyConfig() => KubernetesClientConfiguration.BuildConfigFromConfigFile(NobodyKubeconfig);

    /// <summary>Configuration for another bearer token (e.g. a ServiceAccount token from <see cref="ServiceAccountTokenAsync"/>).</summary>
    public KubernetesClientConfiguration ConfigForToken(string token)
    {
        var config = AdminConfig();
        config.AccessToken = token;
        return config;
    }

    public k8s.Kubernetes AdminClient() => new(AdminConfig());

    /// <summary>Runs the provisioned kubectl as admin; throws with kubectl's stderr when it fails. Returns stdout.</summary>
    public async Task<string> KubectlAsync(params string[] args) => await KubectlWithInputAsync(null, args);

    public async Task<string> KubectlWithInputAsync(string? stdin, params string[] args)
    {
        var result = await ShellCommand.RunAsync(KubectlPath, ["--kubeconfig", AdminKubeconfig, .. args], stdin, TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.StdErr.Trim()}");
        }

        return result.StdOut;
    }

    /// <summary>kubectl apply -f - with the given YAML or JSON.</summary>
    public Task<string> ApplyAsync(string manifest) => KubectlWithInputAsync(manifest, "apply", "-f", "-");

    /// <summary>Calls a tests/testenv/lib.sh function with this environment's directory as first argument.</summary>
    public async Task<string> LibAsync(string function, params string[] args)
    {
        var result = await ShellCommand.RunAsync(
            "bash",
            ["-c", ". \"$0\" && \"$@\"", TestEnv("lib.sh"), function, Directory, .. args],
            timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lib.sh {function} {string.Join(' ', args)} failed ({result.ExitCode}): {result.Tail()}");
        }

        return result.StdOut;
    }

    /// <summary>Sets phase, podIP(s), Ready and hostIP through the status subresource (no kubelet runs here).</summary>
    public Task SetPodStatusAsync(string ns, string pod, string phase, string? podIp, bool ready = true, string? hostIp = null) =>
        LibAsync("set_pod_status", ns, pod, phase, podIp ?? "", ready ? "true" : "false", hostIp ?? "");

    /// <summary>Creates a Node with spec.podCIDR(s) and marks it Ready with the given InternalIP.</summary>
    public Task CreateNodeAsync(string name, string podCidr, string? internalIp = null) =>
        LibAsync("create_node", name, podCidr, internalIp ?? "");

    /// <summary>Sets a node's Ready condition: true, false or unknown.</summary>
    public Task SetNodeStatusAsync(string node, string ready, string? internalIp = null) =>
        LibAsync("set_node_status", node, ready, internalIp ?? "");

    /// <summary>Compacts etcd at its current revision (older resourceVersions and continue tokens then expire); returns it.</summary>
    public async Task<long> CompactEtcdAsync() =>
        long.Parse((await LibAsync("etcd_compact")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Stops kube-apiserver only (SIGTERM, SIGKILL after a short grace); etcd and kube-controller-manager keep running.</summary>
    public async Task StopApiServerAsync() => await Script("stop.sh", Directory, "--apiserver-only");

    /// <summary>Kills kube-apiserver with SIGKILL at once (a crash); etcd and kube-controller-manager keep running.</summary>
    public async Task KillApiServerAsync() => await Script("stop.sh", Directory, "--apiserver-only", "--kill");

    /// <summary>Starts kube-apiserver again on the same port, certificates and etcd; returns once /readyz is ok.</summary>
    public async Task StartApiServerAsync()
    {
        await Script("start.sh", Directory, "--apiserver-only");
        // start.sh rewrote env.json with the new PID.
        var env = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(Directory, "env.json")))!;
        foreach (var (k, v) in env)
        {
            _env[k] = v;
        }
    }

    /// <summary>Kills (SIGKILL) and starts kube-apiserver again on the same port and etcd.</summary>
    public async Task RestartApiServerAsync()
    {
        await KillApiServerAsync();
        await StartApiServerAsync();
    }

    private async Task Script(string script, params string[] args)
    {
        var result = await ShellCommand.RunAsync(TestEnv(script), args, timeout: TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/testenv/{script} {string.Join(' ', args)} failed ({result.ExitCode}):\n{result.Tail()}\nlogs: {LogDirectory}");
        }
    }

    /// <summary>Creates a ServiceAccount (if missing) and returns a one-hour token for it through the TokenRequest API.</summary>
    public async Task<string> ServiceAccountTokenAsync(string ns, string name)
    {
        await ApplyAsync($"{{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{{\"name\":\"{name}\",\"namespace\":\"{ns}\"}}}}");
        var output = await LibAsync(
            "te_curl", "admin", "-X", "POST", "-H", "Content-Type: application/json",
            "--data", "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{\"expirationSeconds\":3600}}",
            $"/api/v1/namespaces/{ns}/serviceaccounts/{name}/token");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.GetProperty("status").GetProperty("token").GetString()
            ?? throw new InvalidOperationException($"TokenRequest for {ns}/{name} returned no token: {output}");
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopSync();

    private void StopSync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var keep = Environment.GetEnvironmentVariable("CLUSTERNET_KEEP_TESTENV") == "1";
        var stop = ShellCommand.RunAsync(TestEnv("stop.sh"), keep ? [Directory] : [Directory, "--purge"], timeout: TimeSpan.FromMinutes(1));
        stop.GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var keep = Environment.GetEnvironmentVariable("CLUSTERNET_KEEP_TESTENV") == "1";
        await ShellCommand.RunAsync(TestEnv("stop.sh"), keep ? [Directory] : [Directory, "--purge"], timeout: TimeSpan.FromMinutes(1));
    }
}
