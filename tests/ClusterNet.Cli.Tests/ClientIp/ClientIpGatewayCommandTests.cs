using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Tests.ClientIp;

/// <summary>
/// `clusternet client-ip --manifests PATH --gateway NS/NAME` and the Gateway rows of the overview, on the demo cluster's
/// Envoy Gateway path (Gateway dev/eg: EnvoyProxy asking for externalTrafficPolicy Cluster, one trusted XFF hop).
/// </summary>
public sealed class ClientIpGatewayCommandTests
{
    private static string DemoYaml()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir!.FullName, "src", "ClusterNet.Kubernetes", "Demo", "demo-cluster.yaml");
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Gateway_Json_SameShapeAsIngress()
    {
        var (code, output, err) = Run("client-ip", "--manifests", DemoYaml(), "--gateway", "dev/eg", "--format", "json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["kind", "namespace", "name", "outcome", "verdict", "routes", "risks", "fixes", "inputs", "notes", "key"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Gateway", root.GetProperty("kind").GetString());
        Assert.Equal("lost", root.GetProperty("outcome").GetString());
        var route = root.GetProperty("routes")[0];
        Assert.Equal("http/httproute/dev/myapp/0", route.GetProperty("id").GetString());
        Assert.Equal(["client", "lb", "node", "other-node", "gateway", "service", "pod"], route.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        Assert.Equal("gateway", route.GetProperty("app").GetProperty("socketIs").GetString());
        Assert.Equal(["gateway-etp-cluster", "gateway-trusted-hops-exceed-proxies"], root.GetProperty("risks").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public void Gateway_Text_VerdictFirst()
    {
        var (code, output, _) = Run("client-ip", "--manifests", DemoYaml(), "--gateway", "dev/eg");
        Assert.Equal(0, code);
        Assert.StartsWith("Gateway dev/eg: Lost: externalTrafficPolicy Cluster", output, StringComparison.Ordinal);
        Assert.Contains("EnvoyProxy envoy-gateway-system/custom-proxy-config", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Overview_Json_NamesTheGatewayListener()
    {
        var (code, output, _) = Run("client-ip", "--manifests", DemoYaml(), "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var row = Assert.Single(doc.RootElement.EnumerateArray(), r => r.GetProperty("exposedVia").GetString()!.StartsWith("Gateway ", StringComparison.Ordinal));
        Assert.Equal("Gateway dev/eg listener http", row.GetProperty("exposedVia").GetString());
        Assert.Equal(("dev", "myapp", "lost"), (row.GetProperty("namespace").GetString(), row.GetProperty("name").GetString(), row.GetProperty("outcome").GetString()));
    }

    [Theory]
    [InlineData("dev/nope", "no Gateway dev/nope")]
    [InlineData("nope", "--gateway 'nope': expected NAMESPACE/NAME")]
    public void MissingOrMalformedGateway_Exit2NamingIt(string value, string message)
    {
        var (code, _, err) = Run("client-ip", "--manifests", DemoYaml(), "--gateway", value);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayAndIngress_Exit2()
    {
        var (code, _, err) = Run("client-ip", "--manifests", DemoYaml(), "--ingress", "dev/a", "--gateway", "dev/eg");
        Assert.Equal(2, code);
        Assert.Contains("give --ingress or --gateway, not both", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixes_YamlPatches_LoadAsTheImplementationsObjects()
    {
        var (_, output, _) = Run("client-ip", "--manifests", DemoYaml(), "--gateway", "dev/eg", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        var patches = doc.RootElement.GetProperty("fixes").EnumerateArray()
            .Where(f => f.GetProperty("language").GetString() == "yaml")
            .Select(f => f.GetProperty("patch").GetString()!)
            .ToList();
        Assert.Equal(2, patches.Count);
        var objects = patches.SelectMany(p =>
        {
            var loaded = ManifestLoader.LoadText(p, "patch.yaml");
            Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
            return loaded.Objects;
        }).ToList();
        Assert.Equal("Local", Assert.Single(objects.OfType<EnvoyProxyInfo>()).ExternalTrafficPolicy);
        Assert.Null(Assert.Single(objects.OfType<ClientTrafficPolicyInfo>()).ClientIpDetection);
    }
}
