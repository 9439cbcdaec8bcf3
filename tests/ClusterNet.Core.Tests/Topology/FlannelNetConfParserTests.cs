using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology;

public class FlannelNetConfParserTests
{
    /// <summary>The sample from the user's notes (16.5.4), verbatim: comments and a missing comma after SubnetMax.</summary>
    private const string SeedSample = """

           {
               "Network": "10.244.0.0/16",     // flannel 使用的 CIDR 格式的网络地址，用于为 POD 配置网络功能
               "SubnetLen": 24,                // 把 Network 切分为子网供各 node 节点使用时，使用多长的掩码切分，默认为 24
               "SubnetMin": "10.244.10.0/24",  // 用于分配给 node 的子网起始地址，从这个网络开始分配网络
               "SubnetMax": "10.244.255.0/24"  // 用于分配给 nide 的子网结束位置，这个是最大分配的网路  
               "Backend": {                    // 指明 POD 与 POD 跨节点通信时候使用的 flannel 工作模式
                   "Type": "vxlan",            // 工作模式
                   "Directrouting": true       // 是否使用直接路由模式
               }
           }
        """;

    [Fact]
    public void Parse_SeedSample_ReportsCommentThenMissingCommaWithLineAndColumn()
    {
        var result = FlannelNetConfParser.Parse(SeedSample);

        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        Assert.Equal(2, result.Errors.Length);
        var comment = result.Errors[0];
        Assert.StartsWith("comments are not allowed", comment.Message);
        Assert.Equal(3, comment.Line);
        Assert.Equal(40, comment.Column);
        var comma = result.Errors[1];
        Assert.Contains("missing ','", comma.Message);
        Assert.Equal(7, comma.Line);
        Assert.Equal(8, comma.Column);
    }

    [Fact]
    public void Parse_SeedSampleWithCommentsAndCommaFixed_FlagsCidrSubnetMinAtItsLine()
    {
        var fixedText = string.Join('\n', SeedSample.Split('\n').Select(l => l.Contains("//", StringComparison.Ordinal) ? l[..l.IndexOf("//", StringComparison.Ordinal)].TrimEnd() : l))
            .Replace("\"10.244.255.0/24\"", "\"10.244.255.0/24\",", StringComparison.Ordinal);

        var result = FlannelNetConfParser.Parse(fixedText);

        Assert.Null(result.Config);
        var min = Assert.Single(result.Errors, e => e.Field == "SubnetMin");
        Assert.Contains("an address, not a CIDR: \"10.244.10.0\"", min.Message);
        Assert.Equal(5, min.Line);
        Assert.Contains(result.Errors, e => e.Field == "SubnetMax");
    }

    [Fact]
    public void Parse_Full_ReadsEveryField()
    {
        var result = FlannelNetConfParser.Parse("""{"Network":"10.244.0.0/16","SubnetLen":24,"SubnetMin":"10.244.10.0","SubnetMax":"10.244.255.0","Backend":{"Type":"vxlan","DirectRouting":true,"VNI":4,"Port":4789}}""");

        Assert.True(result.IsValid);
        var c = result.Config!;
        Assert.Equal("10.244.0.0/16", c.Network.ToString());
        Assert.Equal(24, c.SubnetLen);
        Assert.Equal("10.244.10.0", c.SubnetMinText);
        Assert.Equal("10.244.255.0", c.SubnetMaxText);
        Assert.Equal("vxlan", c.BackendType);
        Assert.True(c.DirectRouting);
        Assert.Equal(4, c.Vni);
        Assert.Equal(4789, c.Port);
        Assert.Equal(new[] { "Backend.GBP" }, c.Defaulted.ToArray());
    }

    [Fact]
    public void Parse_OnlyNetwork_AppliesFlannelDefaultsIncludingUdpBackend()
    {
        var c = FlannelNetConfParser.Parse("""{"Network":"10.244.0.0/16"}""").Config!;

        Assert.Equal(24, c.SubnetLen);
        Assert.Equal("10.244.1.0", c.SubnetMinText);
        Assert.Equal("10.244.255.0", c.SubnetMaxText);
        Assert.Equal("udp", c.BackendType);
        Assert.Equal(8285, c.Port);
        Assert.Contains("SubnetLen", c.Defaulted);
        Assert.Contains("Backend", c.Defaulted);
    }

    [Fact]
    public void Parse_VxlanWithoutOptions_DefaultsVni1AndKernelPort8472()
    {
        var c = FlannelNetConfParser.Parse("""{"Network":"10.244.0.0/16","Backend":{"Type":"vxlan"}}""").Config!;

        Assert.Equal(1, c.Vni);
        Assert.Equal(8472, c.Port);
        Assert.False(c.DirectRouting);
        Assert.False(c.Gbp);
    }

    [Fact]
    public void Parse_SmallNetwork_DefaultsSubnetLenToHalfTheNetwork()
    {
        var c = FlannelNetConfParser.Parse("""{"Network":"10.1.0.0/24","Backend":{"Type":"host-gw"}}""").Config!;

        Assert.Equal(25, c.SubnetLen);
    }

    [Fact]
    public void Parse_FieldNamesInOtherCase_MatchLikeGoEncodingJson()
    {
        var c = FlannelNetConfParser.Parse("""{"network":"10.244.0.0/16","backend":{"type":"vxlan","Directrouting":true}}""").Config!;

        Assert.True(c.DirectRouting);
        Assert.Equal("vxlan", c.BackendType);
    }

    [Theory]
    [InlineData("", null, "empty")]
    [InlineData("[]", null, "expected a JSON object")]
    [InlineData("""{"SubnetLen":24}""", "Network", "required")]
    [InlineData("""{"Network":"10.244.0.0"}""", "Network", "IPv4 CIDR")]
    [InlineData("""{"Network":"10.244.0.0/30"}""", "Network", "too small")]
    [InlineData("""{"Network":"10.244.0.0/16","SubnetLen":"24"}""", "SubnetLen", "whole number")]
    [InlineData("""{"Network":"10.244.0.0/16","SubnetLen":31}""", "SubnetLen", "≤ 30")]
    [InlineData("""{"Network":"10.244.0.0/16","SubnetLen":8}""", "SubnetLen", "no subnet fits")]
    [InlineData("""{"Network":"10.244.0.0/16","SubnetMin":"10.245.0.0"}""", "SubnetMin", "not inside Network")]
    [InlineData("""{"Network":"10.244.0.0/16","SubnetMax":"10.244.3.7"}""", "SubnetMax", "boundary")]
    [InlineData("""{"Network":"10.244.0.0/16","Backend":"vxlan"}""", "Backend", "must be an object")]
    [InlineData("""{"Network":"10.244.0.0/16","Backend":{"Type":"vxlen"}}""", "Backend.Type", "unknown backend 'vxlen'")]
    [InlineData("""{"Network":"10.244.0.0/16","Backend":{"Type":"vxlan","DirectRouting":"true"}}""", "Backend.DirectRouting", "true or false")]
    [InlineData("""{"Network":"10.244.0.0/16","Backend":{"Type":"vxlan","VNI":"1"}}""", "Backend.VNI", "whole number")]
    [InlineData("""{"Network":"10.244.0.0/16","Backend":{"Type":"vxlan","Port":70000}}""", "Backend.Port", "not a UDP port")]
    public void Parse_BadValue_NamesTheField(string text, string? field, string message)
    {
        var result = FlannelNetConfParser.Parse(text);

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_FieldError_PointsAtThePropertyLine()
    {
        var result = FlannelNetConfParser.Parse("{\n  \"Network\": \"10.244.0.0/16\",\n  \"Backend\": {\n    \"Type\": \"vxlen\"\n  }\n}");

        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Theory]
    [InlineData("{\"Network\":\"10.244.0.0/16\",}", 1, 28, "trailing comma")]
    [InlineData("{\"Network\":\"10.244.0.0/16\"\n\"SubnetLen\":24}", 2, 1, "missing ','")]
    [InlineData("{\"Network\":\"10.244.0.0/16\"", 1, 27, "")]
    public void Parse_SyntaxError_ReportsLineAndColumn(string text, int line, int column, string message)
    {
        var error = Assert.Single(FlannelNetConfParser.Parse(text).Errors);

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
    }
}
