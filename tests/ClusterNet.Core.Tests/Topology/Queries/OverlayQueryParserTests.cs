using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology.Overlay;

namespace ClusterNet.Core.Tests.Topology.Queries;

public class OverlayQueryParserTests
{
    private static OverlayQuery Parse(params (string Name, string? Value)[] values) =>
        OverlayQueryParser.Parse(QueryInput.Parameters(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value))));

    [Fact]
    public void Parse_Nothing_OffWithDefaults()
    {
        Assert.Equal(OverlayQuery.Off, Parse());
    }

    [Fact]
    public void Parse_Link_DirectionPortProtocolPod()
    {
        Assert.Equal(new OverlayQuery(OverlayDirection.To, 22, "UDP", "dev/pod1"), Parse(("overlay", "TO"), ("oport", "22"), ("oproto", "udp"), ("opod", " dev/pod1 ")));
    }

    [Fact]
    public void Parse_Unknowns_OffAndTcpAndPort80()
    {
        Assert.Equal(OverlayQuery.Off, Parse(("overlay", "sideways"), ("oport", "x"), ("oproto", "icmp")));
    }

    [Theory]
    [InlineData(0, null, null, "Port 0 is out of range: enter 1-65535.")]
    [InlineData(80, "pod1", null, "'pod1' is not a pod: write namespace/name.")]
    [InlineData(80, null, null, "Click a pod on the graph (or type one) to colour the pods that can reach it.")]
    [InlineData(80, null, "dev/pod1", null)]
    [InlineData(80, "prod/pod1", "dev/pod1", null)]
    public void Resolve_Pod_TypedBeatsSelectedOrSaysWhyNone(int port, string? typed, string? selected, string? message)
    {
        var (pod, why) = OverlayQueryParser.Resolve(new OverlayQuery(OverlayDirection.To, port, "TCP", typed), selected is null ? null : ObjectKey.Parse(selected));

        Assert.Equal(message, why);
        Assert.Equal(message is null ? ObjectKey.Parse(typed ?? selected!) : null, pod);
    }

    [Fact]
    public void ToParameters_OffRemovesAll_OnPinsTheSelectedPod()
    {
        Assert.All(OverlayQueryParser.ToParameters(OverlayQuery.Off, "dev/pod1"), p => Assert.Null(p.Value));
        Assert.Equal(
            [("overlay", "from"), ("oport", "80"), ("oproto", "TCP"), ("opod", "dev/pod1")],
            OverlayQueryParser.ToParameters(new OverlayQuery(OverlayDirection.From, 80, "TCP", null), "dev/pod1"));
    }
}
