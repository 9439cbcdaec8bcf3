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

        var focus = Key(input, "focus", "a pod as namespace/name");
        var group = Key(input, "group", "a counted box as namespace/workload");
        if ((focus.Error ?? group.Error) is { } error)
        {
            return QueryResult<LevelQuery>.Failure(error);
        }

        return QueryResult<LevelQuery>.Success(new LevelQuery(level, Text(input, "node"), focus.Key, group.Key));
    }

    /// <summary>The URL parameters of <paramref name="query"/> (null removes a parameter).</summary>
    public static (string Name, string? Value)[] ToParameters(LevelQuery query) =>
    [
        ("level", query.Level switch { GraphLevel.Cluster => "cluster", GraphLevel.Node => "node", GraphLevel.Pods => "pods", _ => null }),
        ("node", query.Node),
        ("focus", query.Focus?.ToString()),
        ("group", query.Group?.ToString()),
    ];

    // "namespace/name" of a focus or group: both null when absent.
    private static (ObjectKey? Key, QueryError? Error) Key(QueryInput input, string name, string what)
    {
        if (Text(input, name) is not { } raw)
        {
            return (null, null);
        }

        var slash = raw.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == raw.Length - 1 || raw.IndexOf('/', slash + 1) >= 0)
        {
            return (null, input.Error(name, $"{input.Display(name)} must name {what}, got '{raw}'"));
        }

        return (new ObjectKey(raw[..slash], raw[(slash + 1)..]), null);
    }

    private static string? Text(QueryInput input, string name) => input.Get(name)?.Trim() is { Length: > 0 } v ? v : null;
}
