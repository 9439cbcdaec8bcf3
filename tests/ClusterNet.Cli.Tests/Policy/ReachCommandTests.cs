using System.Collections.Immutable;
using System.Text.Json;
using ClusterNet.Cli.Commands.Policy;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Tests.Policy;

/// <summary>The `clusternet reach` contract: JSON shape, cell set, filters, probes, table, what-if flags, exit codes.</summary>
public sealed class ReachCommandTests
{
    private static PodInfo Pod(string ns, string name, string ip, params ContainerPortInfo[] ports) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = LabelMap.Of(("app", "myapp")),
        PodIps = [ip],
        Containers = [new ContainerInfo { Name = "c", Ports = [.. ports] }],
    };

    private static readonly NetworkPolicyInfo DenyAllIngress = new() { Namespace = "dev", Name = "deny-all-ingress", PolicyTypes = ["Ingress"] };

    private static readonly NetworkPolicyInfo AllowFromCidr = new()
    {
        Namespace = "dev",
        Name = "allow-80-ingress",
        PodSelector = new LabelSelector { MatchLabels = LabelMap.Of(("app", "myapp")) },
        PolicyTypes = ["Ingress"],
        Ingress = [new NetworkPolicyRuleInfo { Peers = [new NetworkPolicyPeerInfo { IpBlock = new IpBlockInfo("10.244.0.0/16", ["10.244.1.2/32"]) }], Ports = [new NetworkPolicyPortInfo("TCP", "80")] }],
    };

    private static readonly Dictionary<string, ManifestLoadResult> Files = new()
    {
        ["cluster.yaml"] = Result(
            Pod("dev", "pod1", "10.244.1.2", new ContainerPortInfo("http", 80)),
            Pod("prod", "pod1", "10.244.2.2", new ContainerPortInfo("http", 80), new ContainerPortInfo("dns", 53, "UDP")),
            DenyAllIngress),
        ["allow.yaml"] = Result(AllowFromCidr),
        ["pods-only.yaml"] = Result(Pod("dev", "x", "10.0.0.1")),
        ["broken.yaml"] = new ManifestLoadResult([], [new SourceDiagnostic("error", "spec.podSelector must be a mapping", "broken.yaml", 2, 7, null, "NetworkPolicy dev/bad", "spec.podSelector")]),
    };

    private static ManifestLoadResult Result(params IClusterObject[] objects) => new([.. objects], ImmutableArray<SourceDiagnostic>.Empty);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Stdout = stdout,
            Stderr = stderr,
            GetEnvironmentVariable = _ => null,
            Home = "/nonexistent-home",
            ReadManifests = (path, _) => Files.TryGetValue(path, out var r) ? r : throw new FileNotFoundException(path),
        };
        var code = CliApp.RunAsync(["reach", .. args], context, [new ReachCommand()]).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement[] Cells(string json) => [.. JsonDocument.Parse(json).RootElement.GetProperty("cells").EnumerateArray()];

    [Fact]
    public void Run_NoProbe_EveryPairTimesUnionOfDestinationPorts()
    {
        var (code, output, _) = Run("--manifests", "cluster.yaml", "--format", "json");
        Assert.Equal(0, code);
        var cells = Cells(output);
        Assert.Equal(2 * 2 * 2, cells.Length); // 2 pods × 2 pods (self included) × {80/TCP, 53/UDP}
        Assert.Equal(["from", "to", "port", "protocol", "allowed", "reason", "caveat"], cells[0].EnumerateObject().Select(p => p.Name).ToArray());
        // No CNI in these objects: every verdict says enforcement is unknown.
        Assert.All(cells, c => Assert.Equal("enforcement unknown: the CNI was not recognised", c.GetProperty("caveat").GetString()));
        var denied = cells.Single(c => c.GetProperty("from").GetString() == "prod/pod1" && c.GetProperty("to").GetString() == "dev/pod1" && c.GetProperty("port").GetInt32() == 80);
        Assert.False(denied.GetProperty("allowed").GetBoolean());
        Assert.Equal("TCP", denied.GetProperty("protocol").GetString());
        Assert.StartsWith("Denied: dev/pod1 is isolated for ingress by deny-all-ingress", denied.GetProperty("reason").GetString());
        Assert.Contains(cells, c => c.GetProperty("from").GetString() == "dev/pod1" && c.GetProperty("to").GetString() == "dev/pod1" && c.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public void Run_FromToAndProbes_FilteredCellsInProbeOrder()
    {
        var (code, output, _) = Run("--manifests", "cluster.yaml", "--from", "dev/pod1", "--to", "prod/pod1", "--probe", "443/TCP", "--probe", "53/udp", "--format", "json");
        Assert.Equal(0, code);
        var cells = Cells(output);
        Assert.Equal([(443, "TCP"), (53, "UDP")], cells.Select(c => (c.GetProperty("port").GetInt32(), c.GetProperty("protocol").GetString()!)).ToArray());
        Assert.All(cells, c => Assert.True(c.GetProperty("allowed").GetBoolean()));
    }

    [Fact]
    public void Run_WithFile_IpBlockOnPodIpCarriesCaveat()
    {
        var (code, output, _) = Run("--manifests", "cluster.yaml", "--with", "allow.yaml", "--from", "prod/pod1", "--to", "dev/pod1", "--probe", "80/TCP", "--format", "json");
        Assert.Equal(0, code);
        var cell = Assert.Single(Cells(output));
        Assert.True(cell.GetProperty("allowed").GetBoolean());
        Assert.Contains("implementation-defined", cell.GetProperty("caveat").GetString());
    }

    [Fact]
    public void Run_Without_RemovesPolicy()
    {
        var (code, output, _) = Run("--manifests", "cluster.yaml", "--without", "dev/deny-all-ingress", "--from", "prod/pod1", "--to", "dev/pod1", "--probe", "80/TCP", "--format", "json");
        Assert.Equal(0, code);
        Assert.True(Assert.Single(Cells(output)).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public void Run_Table_TruthTablePerProbe()
    {
        var (code, output, _) = Run("--manifests", "cluster.yaml", "--probe", "80/TCP", "--format", "table");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
        Assert.StartsWith("80/TCP", lines[0]);
        Assert.Equal("dev/pod1 prod/pod1", lines[1].Trim());
        Assert.Equal(lines[1].IndexOf("prod/pod1", StringComparison.Ordinal), lines[3].LastIndexOf('.'));
        Assert.Equal(["dev/pod1", ".", "."], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["prod/pod1", "X", "."], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--manifests missing.yaml --format json", "--manifests missing.yaml: no such file or directory")]
    [InlineData("--manifests broken.yaml --format json", "broken.yaml, document 2, line 7, NetworkPolicy dev/bad, field spec.podSelector")]
    [InlineData("--manifests cluster.yaml --probe 80/ICMP", "protocol must be TCP, UDP or SCTP")]
    [InlineData("--manifests cluster.yaml --from dev/nope", "--from dev/nope: no pod dev/nope in cluster.yaml")]
    [InlineData("--manifests cluster.yaml --without dev/nope", "--without dev/nope: no NetworkPolicy dev/nope")]
    [InlineData("--manifests cluster.yaml --with pods-only.yaml", "--with pods-only.yaml: no NetworkPolicy in the file")]
    [InlineData("--manifests cluster.yaml --format xml", "--format must be one of json|table")]
    [InlineData("--format json", "kubeconfig file '/nonexistent-home/.kube/config' does not exist")]
    public void Run_BadInput_Exit2WithMessage(string args, string message)
    {
        var (code, _, err) = Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void CliApp_ReachIsRegistered()
    {
        Assert.Contains(CliApp.All, c => c is ReachCommand && c.Path.SequenceEqual(["reach"]));
    }
}
