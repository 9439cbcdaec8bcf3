using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Topology.Levels;

/// <summary>The one parser of the level's URL parameters (<c>level</c>, <c>node</c>, <c>focus</c>) and its writer.</summary>
public static class LevelQueryParser
{
    public static QueryResult<LevelQuery> Parse(QueryInput input)
    {
        var level = GraphLevel.Auto;
        if (Text(input, "level") is { } raw)
        {
            level = raw.ToLowerInvariant() switch
            {
                "cluster" => GraphLevel.Cluster,
                "node" => GraphLevel.Node,
                "pods" => GraphLevel.Pods,
                "auto" => GraphLevel.Auto,
                _ => (GraphLevel)(-1),
            };
            if (!Enum.IsDefined(level))
            {
                return QueryResult<LevelQuery>.Failure(input.Error("level", $"{input.Display("level")} must be cluster, node or pods, got '{raw}'"));
            }
        }

        ObjectKey? focus = null;
        if (Text(input, "focus") is { } f)
        {
            var slash = f.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == f.Length - 1 || f.IndexOf('/', slash + 1) >= 0)
            {
                return QueryResult<LevelQuery>.Failure(input.Error("focus", $"{input.Display("focus")} must name a pod as namespace/name, got '{f}'"));
            }

            focus = new ObjectKey(f[..slash], f[(slash + 1)..]);
        }

        return QueryResult<LevelQuery>.Success(new LevelQuery(level, Text(input, "node"), focus));
    }

    /// <summary>The URL parameters of <paramref name="query"/> (null removes a parameter).</summary>
    public static (string Name, string? Value)[] ToParameters(LevelQuery query) =>
    [
        ("level", query.Level switch { GraphLevel.Cluster => "cluster", GraphLevel.Node => "node", GraphLevel.Pods => "pods", _ => null }),
        ("node", query.Node),
        ("focus", query.Focus?.ToString()),
    ];

    private static string? Text(QueryInput input, string name) => input.Get(name)?.Trim() is { Length: > 0 } v ? v : null;
}
