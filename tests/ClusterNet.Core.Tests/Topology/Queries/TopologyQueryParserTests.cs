using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology.Queries;

public class TopologyQueryParserTests
{
    private static QueryInput Flags(params (string Name, string Value)[] values) =>
        QueryInput.Flags(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value)));

    [Fact]
    public void Parse_CliFlags_BuilderOptions()
    {
        var q = TopologyQueryParser.Parse(Flags(("node-subnet", "172.16.100.0/24"), ("node-subnet", "10.0.0.0/8"), ("nic", "ens33"), ("nic-mtu", "9000"))).Query!;

        var o = q.ToOptions();
        Assert.Equal(["172.16.100.0/24", "10.0.0.0/8"], o.NodeSubnets.ToArray());
        Assert.Equal(("ens33", 9000), (o.NicName, o.NicMtu));
        Assert.Null(q.Filter);
    }

    [Fact]
    public void Parse_NoFlags_DefaultsOrConfiguration()
    {
        var configured = new TopologyOptions { NicMtu = 1450, NicName = "eth1" };

        var o = TopologyQueryParser.Parse(Flags()).Query!.ToOptions(configured);

        Assert.Equal(configured, o);
    }

    [Theory]
    [InlineData("node-subnet", "10.0.0.0/33", "--node-subnet '10.0.0.0/33' is not an IPv4 CIDR (e.g. 172.16.100.0/24)")]
    [InlineData("nic-mtu", "abc", "--nic-mtu must be a whole number, got 'abc'")]
    [InlineData("nic-mtu", "100", "--nic-mtu must be 576–65535, got 100")]
    public void Parse_BadFlag_TheCliMessage(string flag, string value, string message)
    {
        var q = TopologyQueryParser.Parse(Flags((flag, value)));

        Assert.False(q.Ok);
        Assert.Equal(message, q.Errors[0].Message);
        Assert.Equal("--" + flag, q.Errors[0].Input);
    }

    [Fact]
    public void Parse_SubnetAndMtuBothBad_SubnetFirst()
    {
        var q = TopologyQueryParser.Parse(Flags(("nic-mtu", "1"), ("node-subnet", "nope")));

        Assert.Equal(["--node-subnet 'nope' is not an IPv4 CIDR (e.g. 172.16.100.0/24)", "--nic-mtu must be 576–65535, got 1"], q.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Parse_PageFilter_TrimmedBlankMeansNone()
    {
        var url = QueryInput.Parameters([new("ns", " dev "), new("label", "app=web"), new("node", ""), new("q", "10.244")]);

        var q = TopologyQueryParser.Parse(url).Query!;

        Assert.Equal(new TopologyFilter("dev", "app=web", null, "10.244"), q.Filter);
    }
}
