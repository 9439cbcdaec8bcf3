using System.Collections.Immutable;
using System.Globalization;

namespace ClusterNet.Core.Dns.Timeline;

/// <summary>
/// One library's lookup as a timeline: the verdict in one sentence, then every query sent, reply taken or ignored,
/// packet lost and timer fired, in time order, ending with what getaddrinfo returned. Lanes are the nameserver and
/// transport pairs in the order they first appear, then the resolver's own lane (timers, result).
/// </summary>
public sealed record DnsTimeline
{
    public required LibcProfile Libc { get; init; }
    public required string Verdict { get; init; }
    public required LookupOutcome Result { get; init; }
    public double TotalSeconds { get; init; }
    public ImmutableArray<DnsTimelineEvent> Events { get; init; } = [];
    public ImmutableArray<string> Lanes { get; init; } = [];
    public int Sent { get; init; }
    public int Lost { get; init; }
    public int Timeouts { get; init; }

    public static DnsTimeline Of(ExpansionResult r)
    {
        var events = r.Timeline.OrderBy(e => e.AtSeconds).ToList();
        var total = Math.Round(Math.Max(r.WorstCaseSeconds, events.Count == 0 ? 0 : events[^1].AtSeconds), 3);
        var result = r.Result.Ok ? $"getaddrinfo returns {string.Join(", ", r.Result.Addresses)}" : $"getaddrinfo fails with {r.Result.Error}";
        events.Add(new DnsTimelineEvent(total, DnsTimelineEventKind.Result, DnsTimelineEvent.ResolverLane, $"{result}: {r.StopReason}"));
        var sent = events.Count(e => e.Kind == DnsTimelineEventKind.Sent) + events.Count(e => e.Kind == DnsTimelineEventKind.Lost && e.Text.Contains("conntrack race", StringComparison.Ordinal));
        var lost = events.Count(e => e.Kind == DnsTimelineEventKind.Lost);
        var timeouts = events.Count(e => e.Kind == DnsTimelineEventKind.Timeout);
        var lanes = events.Where(e => e.Lane != DnsTimelineEvent.ResolverLane).Select(e => e.Lane).Distinct(StringComparer.Ordinal).Append(DnsTimelineEvent.ResolverLane);
        return new DnsTimeline
        {
            Libc = r.Request.Libc,
            Verdict = Sentence(r, total, sent, lost, timeouts),
            Result = r.Result,
            TotalSeconds = total,
            Events = [.. events],
            Lanes = [.. lanes],
            Sent = sent,
            Lost = lost,
            Timeouts = timeouts,
        };
    }

    private static string Sentence(ExpansionResult r, double total, int sent, int lost, int timeouts)
    {
        var outcome = r.Result.Ok ? $"resolves {r.Request.Name} ({string.Join(", ", r.Result.Addresses)})" : $"fails {r.Request.Name} with {r.Result.Error}";
        if (sent == 0)
        {
            return $"{r.Request.Libc}: {outcome} without asking DNS ({r.StopReason}).";
        }

        var parts = new List<string> { $"{sent} {(sent == 1 ? "query" : "queries")}" };
        if (lost > 0)
        {
            parts.Add($"{lost} lost");
        }

        if (timeouts > 0)
        {
            parts.Add($"{timeouts} {(timeouts == 1 ? "timer" : "timers")} fired");
        }

        return $"{r.Request.Libc}: {outcome} after {total.ToString("0.###", CultureInfo.InvariantCulture)} s — {string.Join(", ", parts)}.";
    }
}
