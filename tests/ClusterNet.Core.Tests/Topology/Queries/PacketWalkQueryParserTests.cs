using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology;

namespace ClusterNet.Core.Tests.Topology.Queries;

public class PacketWalkQueryParserTests
{
    private static QueryInput Url(params (string Name, string? Value)[] values) =>
        QueryInput.Parameters(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value)));

    [Fact]
    public void Parse_Defaults_Port80TcpTrimmedEnds()
    {
        var q = PacketWalkQueryParser.Parse(Url(("from", " dev/pod1 "), ("to", "svc/dev/myapp")));

        Assert.True(q.Ok);
        Assert.Equal(new PacketWalkQuery { From = "dev/pod1", To = "svc/dev/myapp", Port = 80, Protocol = "TCP" }, q.Query);
    }

    [Fact]
    public void Parse_ProtocolAnyCaseAndEndpoint()
    {
        var q = PacketWalkQueryParser.Parse(Url(("from", "a/b"), ("to", "c/d"), ("port", "53"), ("protocol", " udp"), ("endpoint", "dev/pod2"))).Query!;

        Assert.Equal(("UDP", 53, "dev/pod2"), (q.Protocol, q.Port, q.Endpoint));
    }

    [Theory]
    [InlineData(null, "c/d")]
    [InlineData("a/b", "  ")]
    public void Parse_MissingEnd_TheRestMessage(string? from, string? to)
    {
        var q = PacketWalkQueryParser.Parse(Url(("from", from), ("to", to)));

        Assert.False(q.Ok);
        Assert.Equal("from and to are required: from=ns/pod&to=ns/pod or to=svc/ns/name", Assert.Single(q.Errors).Message);
    }

    [Theory]
    [InlineData("0", "TCP", "port must be 1–65535, got 0")]
    [InlineData("70000", "TCP", "port must be 1–65535, got 70000")]
    [InlineData("80", "icmp", "protocol must be TCP, UDP or SCTP, got 'icmp'")]
    [InlineData("0", "icmp", "protocol must be TCP, UDP or SCTP, got 'icmp'")]
    public void Parse_BadPortOrProtocol_TheWalksMessages(string port, string protocol, string message)
    {
        var input = Url(("from", "dev/pod-a"), ("to", "prod/pod-b"), ("port", port), ("protocol", protocol));
        var q = PacketWalkQueryParser.Parse(input);

        Assert.Equal(message, Assert.Single(q.Errors).Message);
        var failed = PacketWalkQueryParser.Failed(input, q.Errors[0]);
        Assert.Equal(("dev/pod-a", "prod/pod-b", message, protocol.ToUpperInvariant()), (failed.From, failed.To, failed.Error, failed.Protocol));
        Assert.Empty(failed.Hops);
    }
}
