using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>What a library model produced for one lookup.</summary>
internal sealed record ModelRun(
    ImmutableArray<SimulatedQuery> Queries,
    LookupOutcome Outcome,
    double Seconds,
    ImmutableArray<string> Tried,
    string? AnsweredBy,
    string StopReason,
    ImmutableArray<string> Notes)
{
    /// <summary>Who asked what when, what was lost, which timers fired (<see cref="Timeline.DnsTimeline"/>).</summary>
    public ImmutableArray<Timeline.DnsTimelineEvent> Timeline { get; init; } = [];
}
