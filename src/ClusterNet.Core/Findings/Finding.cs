using System.Collections.Immutable;

namespace ClusterNet.Core.Findings;

/// <summary>
/// A problem any analyzer found, in the one shape every page, the CLI and REST show: what (<see cref="Message"/>, verdict
/// first), about what (<see cref="Subject"/>, <see cref="Field"/>, <see cref="Location"/>), why (<see cref="Evidence"/>)
/// and how to fix it (<see cref="Fixes"/>). <see cref="Code"/> is stable per analyzer (kebab-case) and with the subject
/// makes the <see cref="Id"/> that deep links use.
/// </summary>
public sealed record Finding
{
    public required FindingArea Area { get; init; }
    public required string Code { get; init; }
    public required Severity Severity { get; init; }
    /// <summary>The object it is about, kind first: "NetworkPolicy dev/deny-all", "Deployment shop/php", "Node/node01", "cluster".</summary>
    public required string Subject { get; init; }
    /// <summary>Field path inside the subject (spec.ingress[0].from[1]), when one field is at fault.</summary>
    public string? Field { get; init; }
    public FindingLocation? Location { get; init; }
    /// <summary>One sentence, the verdict first.</summary>
    public required string Message { get; init; }
    /// <summary>Longer explanation, when one sentence cannot carry it.</summary>
    public string? Detail { get; init; }
    public ImmutableArray<string> Evidence { get; init; } = [];
    public ImmutableArray<FindingFix> Fixes { get; init; } = [];
    /// <summary>Objects affected ("ns/pod"), for findings that group many.</summary>
    public ImmutableArray<string> Affected { get; init; } = [];
    /// <summary>Orders findings of the same severity (e.g. pods affected × cost); higher first.</summary>
    public double Impact { get; init; }
    /// <summary>The topology element to highlight, when the finding is drawn on the graph.</summary>
    public string? ElementId { get; init; }

    public string Id => $"{Code}:{Subject}";
}
