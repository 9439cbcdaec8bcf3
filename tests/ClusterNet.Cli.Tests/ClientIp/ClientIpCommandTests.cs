using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Tests.ClientIp;

/// <summary>`clusternet client-ip --manifests PATH --service NS/NAME` (and --ingress, and the overview) on a real manifest file.</summary>
public sealed class ClientIpCommandTests
{
    private static readonly string Manifest = Path.Combine(AppContext.BaseDirectory, "ClientIp", "client-ip-cluster.yaml");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Service_Text_VerdictFirstThenHopsRisksFixes()
    {
        var (code, output, err) = Run("client-ip", "--manifests", Manifest, "--service", "shop/web");
        Assert.True(code == 0, err);
        Assert.StartsWith("Service shop/web: Lost: externalTrafficPolicy Cluster", output, StringComparison.Ordinal);
        Assert.Contains("[SNAT]", output, StringComparison.Ordinal);
        Assert.Contains("Fix: Set externalTrafficPolicy: Local", output, StringComparison.Ordinal);
        Assert.Contains("$ kubectl -n shop patch service web --type merge", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_Json_ReportShape()
    {
        var (code, output, _) = Run("client-ip", "--manifests", Manifest, "--service", "ingress-nginx/ingress-nginx-controller", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("Service", root.GetProperty("kind").GetString());
        Assert.Equal("preservedInHeader", root.GetProperty("outcome").GetString());
        Assert.Equal("lb", root.GetProperty("routes")[0].GetProperty("hops")[1].GetProperty("id").GetString());
        Assert.Contains(root.GetProperty("risks").EnumerateArray(), r => r.GetProperty("id").GetString() == "forgeable-x-forwarded-for");
    }

    [Fact]
    public void Ingress_Text_ControllerAndHeaders()
    {
        var (code, output, _) = Run("client-ip", "--manifests", Manifest, "--ingress", "shop/shop");
        Assert.Equal(0, code);
        Assert.StartsWith("Ingress shop/shop: Forgeable:", output, StringComparison.Ordinal);
        Assert.Contains("App header X-Forwarded-For: <client>", output, StringComparison.Ordinal);
        Assert.Contains("$remote_addr = 6.6.6.6", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Overview_TableOfExposedServices()
    {
        var (code, output, _) = Run("client-ip", "--manifests", Manifest);
        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("SERVICE", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("shop/web", StringComparison.Ordinal) && l.Contains("NodePort", StringComparison.Ordinal) && l.TrimEnd().EndsWith("lost", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--service", "shop/nope")]
    [InlineData("--service", "nope")]
    [InlineData("--ingress", "shop/nope")]
    public void MissingObject_Exit2NamingIt(string flag, string value)
    {
        var (code, _, err) = Run("client-ip", "--manifests", Manifest, flag, value);
        Assert.Equal(2, code);
        Assert.Contains(value, err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingManifests_Exit2()
    {
        var (code, _, err) = Run("client-ip", "--manifests", "/nonexistent/x.yaml", "--service", "a/b");
        Assert.Equal(2, code);
        Assert.Contains("no such file", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixes_YamlPatches_LoadAsKubernetesObjects()
    {
        var (_, output, _) = Run("client-ip", "--manifests", Manifest, "--service", "shop/web", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        var patches = doc.RootElement.GetProperty("fixes").EnumerateArray()
            .Where(f => f.GetProperty("language").GetString() == "yaml")
            .Select(f => f.GetProperty("patch").GetString()!)
            .ToList();
        Assert.NotEmpty(patches);
        foreach (var patch in patches)
        {
            var loaded = ManifestLoader.LoadText(patch, "patch.yaml");
            Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
            var svc = Assert.Single(loaded.Objects.OfType<ServiceInfo>());
            Assert.Equal("Local", svc.ExternalTrafficPolicy);
        }
    }
}
