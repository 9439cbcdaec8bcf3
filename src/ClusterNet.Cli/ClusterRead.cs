using ClusterNet.Core.Model;

namespace ClusterNet.Cli;

/// <summary>
/// What one command needs from its cluster input: the kinds a live read lists, the ones without which its answer would
/// be wrong (forbidden or failed → exit 2 rather than a silently partial answer), and how manifest problems are shown.
/// </summary>
public sealed record ClusterRead
{
    /// <summary>Kinds a live read lists (<see cref="ResourceKind"/> names); null lists every kind.</summary>
    public IReadOnlyList<string>? Kinds { get; init; }

    /// <summary>Kinds that must be read; any other kind that could not be read is a warning on stderr.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    public ManifestProblems Problems { get; init; } = ManifestProblems.WarnThenFailOnErrors;
}
