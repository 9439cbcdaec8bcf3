using System.Collections.Immutable;

namespace ClusterNet.Core.Queries;

/// <summary>A parsed query, or the problems that stopped it (all of them, not just the first).</summary>
public sealed record QueryResult<T>
    where T : class
{
    public T? Query { get; init; }
    public ImmutableArray<QueryError> Errors { get; init; } = [];

    public bool Ok => Query is not null && Errors.IsDefaultOrEmpty;

    public static QueryResult<T> Success(T query) => new() { Query = query };

    public static QueryResult<T> Failure(params QueryError[] errors) => new() { Errors = [.. errors] };

    public static QueryResult<T> Failure(IEnumerable<QueryError> errors) => new() { Errors = [.. errors] };
}
