using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Core.Topology.Levels;

namespace ClusterNet.Core.Tests.Topology.Levels;

public sealed class LevelQueryParserTests
{
    private static QueryInput Url(params (string Name, string? Value)[] pairs) =>
        QueryInput.Parameters(pairs.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));

    [Theory]
    [InlineData(null, GraphLevel.Auto)]
    [InlineData("cluster", GraphLevel.Cluster)]
    [InlineData("Node", GraphLevel.Node)]
    [InlineData("pods", GraphLevel.Pods)]
    public void Parse_Level_Known(string? raw, GraphLevel level) =>
        Assert.Equal(level, LevelQueryParser.Parse(Url(("level", raw))).Query!.Level);

    [Fact]
    public void Parse_UnknownLevel_NamesParameterAndValues()
    {
        var result = LevelQueryParser.Parse(Url(("level", "zones")));

        Assert.False(result.Ok);
        Assert.Equal("level must be cluster, node or pods, got 'zones'", result.Errors[0].Message);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("dev/")]
    [InlineData("a/b/c")]
    public void Parse_BadFocus_AsksForNamespaceSlashName(string focus) =>
        Assert.Contains("must name a pod as namespace/name", LevelQueryParser.Parse(Url(("focus", focus))).Errors[0].Message, StringComparison.Ordinal);

    [Fact]
    public void ToParameters_RoundTrips()
    {
        var query = new LevelQuery(GraphLevel.Node, "node01", new ObjectKey("dev", "web-1"));

        var parameters = LevelQueryParser.ToParameters(query);

        Assert.Equal([("level", "node"), ("node", "node01"), ("focus", "dev/web-1"), ("group", null)], parameters);
        Assert.Equal(query, LevelQueryParser.Parse(Url(parameters)).Query);
        Assert.Equal([("level", null), ("node", null), ("focus", null), ("group", null)], LevelQueryParser.ToParameters(LevelQuery.Auto));
    }

    [Fact]
    public void ToParameters_Group_RoundTrips()
    {
        var query = new LevelQuery(GraphLevel.Node, "node01", null, new ObjectKey("dev", "web"));

        var parameters = LevelQueryParser.ToParameters(query);

        Assert.Contains(("group", "dev/web"), parameters);
        Assert.Equal(query, LevelQueryParser.Parse(Url(parameters)).Query);
    }

    [Fact]
    public void Parse_BadGroup_AsksForNamespaceSlashWorkload() =>
        Assert.Equal("group must name a counted box as namespace/workload, got 'web'", LevelQueryParser.Parse(Url(("group", "web"))).Errors[0].Message);
}
