using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class KubeModelMapperCalicoTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void ToIpPool_V3Shape_MapsSpec()
    {
        var pool = KubeModelMapper.ToIpPool(Json("""
            {"apiVersion":"projectcalico.org/v3","kind":"IPPool","metadata":{"name":"default-ipv4-ippool"},
             "spec":{"cidr":"192.168.0.0/16","ipipMode":"CrossSubnet","vxlanMode":"Never","natOutgoing":true,"blockSize":26}}
            """));

        Assert.Equal(new IpPoolInfo { Name = "default-ipv4-ippool", Cidr = "192.168.0.0/16", IpipMode = "CrossSubnet", VxlanMode = "Never", NatOutgoing = true, Disabled = false, BlockSize = 26 }, pool);
    }

    [Theory]
    [InlineData("""{"enabled":true,"mode":"cross-subnet"}""", "CrossSubnet")]
    [InlineData("""{"enabled":true}""", "Always")]
    [InlineData("""{"enabled":false,"mode":"always"}""", "Never")]
    public void ToIpPool_LegacyIpipBlock_DerivesMode(string ipip, string expected)
    {
        var pool = KubeModelMapper.ToIpPool(Json($$$"""{"apiVersion":"crd.projectcalico.org/v1","kind":"IPPool","metadata":{"name":"p"},"spec":{"cidr":"10.0.0.0/16","ipip":{{{ipip}}},"disabled":true}}"""));
        Assert.Equal(expected, pool.IpipMode);
        Assert.True(pool.Disabled);
        Assert.Null(pool.BlockSize);
    }

    [Fact]
    public void ToIpPool_WrongTypes_ReportsAndDefaults()
    {
        var diagnostics = new List<SourceDiagnostic>();
        var pool = KubeModelMapper.ToIpPool(Json("""{"metadata":{"name":"p"},"spec":{"cidr":"10.0.0.0/16","natOutgoing":"maybe","blockSize":"big","vxlanMode":"Sometimes"}}"""), diagnostics);

        Assert.False(pool.NatOutgoing);
        Assert.Null(pool.BlockSize);
        Assert.Equal("Sometimes", pool.VxlanMode);
        Assert.Equal(["spec.blockSize", "spec.natOutgoing", "spec.vxlanMode"], diagnostics.Select(d => d.Field!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(diagnostics, d => Assert.Equal("IPPool p", d.Object));
    }

    [Fact]
    public void ToIpPool_LegacyIpipBlockWrongTypes_ReportsTheIpipFields()
    {
        var diagnostics = new List<SourceDiagnostic>();
        var pool = KubeModelMapper.ToIpPool(Json("""{"metadata":{"name":"p"},"spec":{"cidr":"10.0.0.0/16","ipip":{"enabled":"maybe","mode":1}}}"""), diagnostics);

        Assert.Equal("1", pool.IpipMode);
        Assert.Equal(["spec.ipip.enabled", "spec.ipip.mode", "spec.ipip.mode"], diagnostics.Select(d => d.Field!).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("""{"nodeToNodeMeshEnabled":false,"asNumber":64512}""", false, 64512)]
    [InlineData("""{"asNumber":"64513"}""", true, 64513)]
    [InlineData("""{"asNumber":"1.10"}""", true, 65546)]
    [InlineData("""{}""", true, null)]
    public void ToBgpConfiguration_Spec_MapsMeshAndAsNumber(string spec, bool mesh, int? asNumber)
    {
        var bgp = KubeModelMapper.ToBgpConfiguration(Json($$$"""{"kind":"BGPConfiguration","metadata":{"name":"default"},"spec":{{{spec}}}}"""));
        Assert.Equal(new BgpConfigurationInfo { Name = "default", NodeToNodeMeshEnabled = mesh, AsNumber = asNumber }, bgp);
    }

    [Fact]
    public void ToBgpConfiguration_Dictionary_MapsLikeJson()
    {
        var bgp = KubeModelMapper.ToBgpConfiguration(new Dictionary<string, object?>
        {
            ["metadata"] = new Dictionary<string, object?> { ["name"] = "default" },
            ["spec"] = new Dictionary<string, object?> { ["nodeToNodeMeshEnabled"] = false },
        });
        Assert.False(bgp.NodeToNodeMeshEnabled);
        Assert.Equal("default", bgp.Name);
    }
}
