using System.Collections.Immutable;
using ClusterNet.Core.Dns.Timeline;

namespace ClusterNet.Core.Dns;

/// <summary>
/// musl's resolver (src/network/lookup_name.c, res_msend.c), measured on Debian's musl 1.2.3 and 1.2.5:
/// - A and AAAA go to every nameserver at once, from one socket; the first NOERROR or NXDOMAIN per query wins, whoever
///   sends it (a fast NXDOMAIN from a secondary beats a slow answer). A round is resent to every server every
///   timeout/attempts seconds until all queries are answered or timeout seconds have passed.
/// - SERVFAIL is retried at once, at most twice the number of queries per round; REFUSED, NOTIMP, FORMERR and other
///   codes are ignored (they count as no reply).
/// - A truncated UDP reply (TC) is kept as it is up to 1.2.3; from 1.2.4 that query is asked again over TCP, of the
///   server that sent the TC, and UDP replies for it are no longer taken; a TCP reply other than NOERROR/NXDOMAIN
///   ends the whole exchange.
/// - A name with dots ≥ ndots (or a trailing dot) is tried only as is. Otherwise the suffixes are tried in order and
///   the walk continues only on NXDOMAIN; NODATA ends it (EAI_NONAME up to 1.2.3, EAI_NODATA from 1.2.4), a missing
///   reply or SERVFAIL ends it (EAI_AGAIN).
/// </summary>
internal static class MuslResolverModel
{
    public static ModelRun Run(ResolverSettings s, DnsAnswers answers, string name, int dots, bool absolute, ImmutableArray<string> qtypes, LookupFamily family)
    {
        var queries = ImmutableArray.CreateBuilder<SimulatedQuery>();
        var tried = ImmutableArray.CreateBuilder<string>();
        var notes = ImmutableArray.CreateBuilder<string>();
        var clock = 0.0;
        var timeline = new TimelineRecorder();
        var candidates = ResolverSimulator.Candidates(s.Libc, s, name, dots, absolute);
        if (!absolute && dots >= s.Ndots && !s.Search.IsEmpty)
        {
            notes.Add($"{dots} dot(s) ≥ ndots:{s.Ndots}: musl tries the name only as is and never falls back to the search list (glibc would)");
        }

        foreach (var qname in candidates)
        {
            tried.Add(qname);
            var (replies, seconds) = Send(s, answers, qname, qtypes, queries, clock, timeline, $"udp socket {tried.Count}");
            clock += seconds;
            var (code, addresses, why) = Judge(s.Libc, replies, qtypes, family);
            if (code == 0)
            {
                continue;
            }

            var outcome = addresses.Count > 0 ? LookupOutcome.Success(addresses) : LookupOutcome.Failure(code switch
            {
                -2 => "EAI_AGAIN",
                -3 => "EAI_FAIL",
                _ => s.Libc.MuslNoDataError,
            });
            var reason = addresses.Count > 0
                ? (qname == name ? "the name as is answered" : $"answered at '{qname}'")
                : $"'{qname}': {why}, which ends the lookup";
            return new ModelRun(queries.ToImmutable(), outcome, clock, tried.ToImmutable(), addresses.Count > 0 ? qname : null, reason, notes.ToImmutable()) { Timeline = timeline.Events };
        }

        return new ModelRun(queries.ToImmutable(), LookupOutcome.Failure("EAI_NONAME"), clock, tried.ToImmutable(), null, "every candidate name got NXDOMAIN", notes.ToImmutable()) { Timeline = timeline.Events };
    }

    /// <summary>name_from_dns's verdict: 1 = addresses, 0 = try the next suffix, negative = stop with that error.</summary>
    private static (int Code, List<string> Addresses, string Why) Judge(LibcProfile libc, DnsReply?[] replies, ImmutableArray<string> qtypes, LookupFamily family)
    {
        var addresses = new List<string>();
        for (var i = 0; i < replies.Length; i++)
        {
            addresses.AddRange(ResolverSimulator.Wanted(replies[i], qtypes[i], family));
        }

        if (libc.MuslStrictPairs)
        {
            for (var i = 0; i < replies.Length; i++)
            {
                if (replies[i] is null)
                {
                    return (-2, [], $"no usable {qtypes[i]} reply before the timeout");
                }

                if (replies[i]!.Kind == DnsReplyKind.NxDomain)
                {
                    return (0, [], "NXDOMAIN");
                }
            }

            return addresses.Count > 0 ? (1, addresses, "") : (-1, [], "NOERROR without an address (NODATA)");
        }

        // Before 1.2.1 any address wins, and only the first query's reply decides the error.
        if (addresses.Count > 0)
        {
            return (1, addresses, "");
        }

        return replies[0] switch
        {
            null => (-2, [], $"no usable {qtypes[0]} reply before the timeout"),
            { Kind: DnsReplyKind.NxDomain } => (0, [], "NXDOMAIN"),
            _ => (-1, [], "NOERROR without an address (NODATA)"),
        };
    }

    /// <summary>A reply on its way: which query and server it answers, over UDP or TCP.</summary>
    private sealed record Arrival(int Query, int Server, DnsReply Reply, bool Tcp, SimulatedQuery Sent);

    /// <summary>
    /// res_msend as a timeline in milliseconds: rounds to every server at once, replies arriving after their delay_ms,
    /// the first acceptable one per query taken. Returns the accepted reply per query (null = none) and the time spent.
    /// </summary>
    private static (DnsReply?[] Replies, double Seconds) Send(ResolverSettings s, DnsAnswers answers, string qname, ImmutableArray<string> qtypes, ImmutableArray<SimulatedQuery>.Builder log, double start, TimelineRecorder timeline, string socket)
    {
        var n = qtypes.Length;
        var accepted = new DnsReply?[n];
        var overTcp = new bool[n];
        var intervalMs = s.Timeout * 1000 / s.Attempts;
        var timeoutMs = s.Timeout * 1000.0;
        var udpLimit = s.Libc.UdpLimit(s);
        var pending = new PriorityQueue<Arrival, (double At, long Seq)>();
        // Sent over the lookup's one UDP socket, not lost, and no reply read yet: what a conntrack race needs.
        var unanswered = 0;
        long seq = 0;
        var round = 0;
        var servfailBudget = 0;

        void SendUdp(int i, int j, double at, string? why)
        {
            var server = s.Nameservers[j];
            var reply = answers.Resolve(server, qname, qtypes[i]);
            if (unanswered > 0 && answers.DropsIfInflight(server, qname))
            {
                // The lost packet never got a conntrack entry, so it does not count as in flight itself.
                var lost = new SimulatedQuery(qname, qtypes[i], server, "udp", DnsReply.Of(DnsReplyKind.Drop), start + at / 1000)
                {
                    Why = (why is null ? "" : why + "; ") + "lost: left the socket while another query from it was in flight (conntrack race)",
                };
                log.Add(lost);
                timeline.Sent(lost, socket);
                return;
            }

            var sent = new SimulatedQuery(qname, qtypes[i], server, "udp", reply, start + at / 1000) { Why = why };
            log.Add(sent);
            timeline.Sent(sent, socket);
            // A server that never answers leaves its query in flight for the rest of the exchange.
            unanswered++;
            if (reply.Kind != DnsReplyKind.Drop)
            {
                pending.Enqueue(new Arrival(i, j, reply, false, sent), (at + reply.DelayMs, seq++));
            }
        }

        void SendRound(double at)
        {
            var why = round == 0 ? null : $"retransmission after {intervalMs / 1000.0:0.###} s (timeout/attempts)";
            for (var i = 0; i < n; i++)
            {
                if (accepted[i] is null && !overTcp[i])
                {
                    for (var j = 0; j < s.Nameservers.Length; j++)
                    {
                        SendUdp(i, j, at, why);
                    }
                }
            }

            servfailBudget = 2 * n;
        }

        SendRound(0);
        while (true)
        {
            var nextRound = round + 1 < s.Attempts ? (round + 1) * (double)intervalMs : double.PositiveInfinity;
            var hasArrival = pending.TryPeek(out _, out var key);
            var arrivalAt = hasArrival ? key.At : double.PositiveInfinity;
            if (arrivalAt >= timeoutMs && nextRound >= timeoutMs)
            {
                var missing = Enumerable.Range(0, n).Where(i => accepted[i] is null).Select(i => qtypes[i]);
                timeline.Timeout(start + s.Timeout, $"timeout ({s.Timeout} s) fired with no usable reply for {string.Join(", ", missing)} {qname}: musl stops waiting");
                return (accepted, s.Timeout);
            }

            // At the same instant musl sends the due round first, then reads what arrived.
            if (nextRound <= arrivalAt)
            {
                timeline.Timeout(start + nextRound / 1000, $"retransmission timer fired ({intervalMs / 1000.0:0.###} s = timeout/attempts): musl resends the unanswered queries to every nameserver");
                round++;
                SendRound(nextRound);
                continue;
            }

            var now = arrivalAt;
            var arrived = new List<Arrival>();
            while (pending.TryPeek(out _, out var k) && k.At == now)
            {
                arrived.Add(pending.Dequeue());
            }

            // Answers that settle a query are taken before failures are retried: the model's reading of a race
            // that, on loopback, the answering server wins.
            foreach (var a in arrived)
            {
                if (!a.Tcp)
                {
                    unanswered--;
                }

                var at = start + now / 1000;
                if (a.Tcp)
                {
                    if (a.Reply.Kind is not (DnsReplyKind.Answer or DnsReplyKind.NoData or DnsReplyKind.NxDomain))
                    {
                        // res_msend gives up on every query when a TCP reply is not NOERROR/NXDOMAIN.
                        timeline.Reply(a.Sent, a.Reply, at, "tcp connection", used: false, "a TCP reply other than NOERROR/NXDOMAIN: musl gives up every query of this name");
                        return (accepted, now / 1000);
                    }

                    timeline.Reply(a.Sent, a.Reply, at, "tcp connection", used: accepted[a.Query] is null);
                    accepted[a.Query] ??= a.Reply;
                    continue;
                }

                if (accepted[a.Query] is not null || overTcp[a.Query] || !a.Reply.IsAnswer)
                {
                    timeline.Reply(a.Sent, a.Reply, at, socket, used: false,
                        accepted[a.Query] is not null ? "already answered: the first reply won"
                        : overTcp[a.Query] ? "the query is being asked over TCP now"
                        : a.Reply.Kind == DnsReplyKind.ServFail ? "SERVFAIL: musl resends at once, at most twice per query per round"
                        : $"musl ignores {a.Reply.Rcode} and keeps waiting for another server");
                    continue;
                }

                var truncated = a.Reply.Truncated || a.Reply.WireSize > udpLimit;
                if (!truncated)
                {
                    timeline.Reply(a.Sent, a.Reply, at, socket, used: true, s.Nameservers.Length > 1 ? "first reply for this query: musl takes it, whoever sent it" : null);
                    accepted[a.Query] = a.Reply;
                }
                else if (s.Libc.TcpOnTruncation)
                {
                    timeline.Reply(a.Sent, a.Reply, at, socket, used: false, "truncated: musl 1.2.4+ asks the same server again over TCP");
                    overTcp[a.Query] = true;
                    var server = s.Nameservers[a.Server];
                    var full = answers.Resolve(server, qname, qtypes[a.Query], "tcp");
                    var tcp = new SimulatedQuery(qname, qtypes[a.Query], server, "tcp", full, at) { Why = "reply truncated: musl 1.2.4+ retries over TCP" };
                    log.Add(tcp);
                    timeline.Sent(tcp, "tcp connection");
                    if (full.Kind != DnsReplyKind.Drop)
                    {
                        pending.Enqueue(new Arrival(a.Query, a.Server, full, true, tcp), (now + full.DelayMs, seq++));
                    }
                }
                else
                {
                    timeline.Reply(a.Sent, a.Reply, at, socket, used: true, "truncated: musl up to 1.2.3 keeps what fitted in 512 bytes and never asks over TCP");
                    accepted[a.Query] = KeepWhatFitted(a.Reply, udpLimit);
                }
            }

            foreach (var a in arrived)
            {
                if (!a.Tcp && accepted[a.Query] is null && !overTcp[a.Query] && a.Reply.Kind == DnsReplyKind.ServFail && servfailBudget > 0)
                {
                    servfailBudget--;
                    SendUdp(a.Query, a.Server, now, "SERVFAIL: musl resends at once");
                }
            }

            if (accepted.All(r => r is not null))
            {
                return (accepted, now / 1000);
            }
        }
    }

    /// <summary>Before 1.2.4 musl keeps the records that fitted in 512 bytes.</summary>
    private static DnsReply KeepWhatFitted(DnsReply reply, int limit)
    {
        if (reply.Truncated)
        {
            return reply;
        }

        var room = limit - (reply.WireSize - reply.Addresses.Sum(a => 2 + 10 + (a.Contains(':', StringComparison.Ordinal) ? 16 : 4)));
        var kept = new List<string>();
        foreach (var a in reply.Addresses)
        {
            var size = 2 + 10 + (a.Contains(':', StringComparison.Ordinal) ? 16 : 4);
            if (room < size)
            {
                break;
            }

            room -= size;
            kept.Add(a);
        }

        return reply with { Addresses = [.. kept] };
    }
}
