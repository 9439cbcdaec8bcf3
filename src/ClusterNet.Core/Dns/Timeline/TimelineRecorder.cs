using System.Collections.Immutable;

namespace ClusterNet.Core.Dns.Timeline;

/// <summary>The library models write what happens, when, into this while they run; <see cref="DnsTimeline.Of"/> reads it.</summary>
internal sealed class TimelineRecorder
{
    private readonly ImmutableArray<DnsTimelineEvent>.Builder _events = ImmutableArray.CreateBuilder<DnsTimelineEvent>();

    public ImmutableArray<DnsTimelineEvent> Events => _events.ToImmutable();

    public static string Lane(string server, string transport) => $"{server} {transport}";

    public void Sent(SimulatedQuery q, string? socket)
    {
        var why = q.Why is null ? "" : $" ({q.Why})";
        if (q.Reply.Kind == DnsReplyKind.Drop && q.Why?.Contains("conntrack race", StringComparison.Ordinal) == true)
        {
            Add(q.AtSeconds, DnsTimelineEventKind.Lost, q, socket, $"{q.Qtype} {q.Qname} dropped: it left the socket while another query from it was in flight (conntrack race)");
            return;
        }

        Add(q.AtSeconds, DnsTimelineEventKind.Sent, q, socket, $"{q.Qtype} {q.Qname} sent{why}");
        if (q.Reply.Kind == DnsReplyKind.Drop)
        {
            Add(q.AtSeconds, DnsTimelineEventKind.Lost, q, socket, $"{q.Qtype} {q.Qname}: no reply will come (the server does not answer)");
        }
    }

    public void Reply(SimulatedQuery q, DnsReply reply, double at, string? socket, bool used, string? note = null) =>
        Add(at, used ? DnsTimelineEventKind.Reply : DnsTimelineEventKind.Ignored, q, socket,
            $"{q.Qtype} {q.Qname} ← {reply.Describe()}{(note is null ? "" : $" ({note})")}");

    public void Timeout(double at, string text) =>
        _events.Add(new DnsTimelineEvent(Math.Round(at, 3), DnsTimelineEventKind.Timeout, DnsTimelineEvent.ResolverLane, text));

    private void Add(double at, DnsTimelineEventKind kind, SimulatedQuery q, string? socket, string text) =>
        _events.Add(new DnsTimelineEvent(Math.Round(at, 3), kind, Lane(q.Server, q.Transport), text)
        {
            Qname = q.Qname,
            Qtype = q.Qtype,
            Server = q.Server,
            Transport = q.Transport,
            Socket = socket,
        });
}
