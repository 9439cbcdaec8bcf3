using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The exact packets a lookup sends, where it stopped and what getaddrinfo returned. WorstCaseSeconds is the wall time of
/// this lookup when every unanswered packet waits its full timeout.
/// </summary>
public sealed record ExpansionResult
{
    public required ExpansionRequest Request { get; init; }
    public required ResolverSettings Settings { get; init; }
    public ImmutableArray<SimulatedQuery> Queries { get; init; } = [];
    public required LookupOutcome Result { get; init; }
    public double WorstCaseSeconds { get; init; }
    /// <summary>Names the library would try, in order, if each one failed with NXDOMAIN.</summary>
    public ImmutableArray<string> Candidates { get; init; } = [];
    /// <summary>Names actually tried before it stopped.</summary>
    public ImmutableArray<string> Tried { get; init; } = [];
    /// <summary>The name whose answer was returned, when the lookup succeeded.</summary>
    public string? AnsweredBy { get; init; }
    /// <summary>Why it stopped where it did, in one sentence.</summary>
    public string StopReason { get; init; } = "";
    public ImmutableArray<string> Notes { get; init; } = [];
    /// <summary>What happened when, packet by packet and timer by timer (<see cref="Timeline.DnsTimeline.Of"/> orders and sums it up).</summary>
    public ImmutableArray<Timeline.DnsTimelineEvent> Timeline { get; init; } = [];
}
