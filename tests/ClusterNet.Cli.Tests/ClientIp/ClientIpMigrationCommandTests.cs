using System.Text.Json;

namespace ClusterNet.Cli.Tests.ClientIp;

/// <summary>`clusternet client-ip --ingress NS/NAME --migration`: the preview as JSON and text, and its usage errors.</summary>
public sealed class ClientIpMigrationCommandTests
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
    public void Migration_Json_TodayAndOneRowPerImplementation()
    {
        var (code, output, err) = Run("client-ip", "--manifests", Manifest, "--ingress", "shop/shop", "--migration", "--format", "json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("shop/shop", root.GetProperty("key").GetString());
        Assert.Equal(["envoyGateway", "istio", "nginxGatewayFabric", "traefik", "cilium", "kgateway"],
            root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("implementation").GetString()));
        Assert.True(root.GetProperty("rows")[0].GetProperty("assumptions").GetArrayLength() > 0);
    }

    [Fact]
    public void Migration_Text_TodayFirstAndAssumptionsAsHashLines()
    {
        var (code, output, err) = Run("client-ip", "--manifests", Manifest, "--ingress", "shop/shop", "--migration");
        Assert.True(code == 0, err);
        Assert.StartsWith("Ingress shop/shop (ingress-nginx", output, StringComparison.Ordinal);
        Assert.Contains("\nToday: ", output, StringComparison.Ordinal);
        Assert.Contains("\nEnvoy Gateway: ", output, StringComparison.Ordinal);
        Assert.Contains("\n# Assumed: the gateway's Service", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--service", "shop/web", "--migration" }, "--migration needs --ingress")]
    [InlineData(new[] { "--ingress", "shop/nope", "--migration" }, "no Ingress shop/nope")]
    public void Migration_Misuse_Exit2WithReason(string[] flags, string message)
    {
        var (code, _, err) = Run(["client-ip", "--manifests", Manifest, .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }
}
