using System.Collections.Immutable;
using ClusterNet.Core.Dns.Timeline;

namespace ClusterNet.Core.Dns;

/// <summary>
/// glibc's stub resolver as getaddrinfo drives it (resolv/res_query.c search loop, res_send.c send_dg), measured on
/// Debian's glibc 2.36:
/// - A and AAAA go out together on one socket; a lost half waits the timeout, then glibc switches for the rest of the
///   process to single-request, and after a second such loss to single-request-reopen, resending each time without
///   spending an attempt; after the third it keeps the half that answered.
/// - Per attempt every nameserver is tried in turn; server i (from 0) waits timeout·2ⁱ/servers, server 0 the timeout.
/// - In the search list NXDOMAIN, NODATA and SERVFAIL go on to the next suffix; a timeout or REFUSED ends the list,
///   and the name as is is still tried.
/// - NOTIMP is handled as REFUSED (send_dg moves to the next server; the search list ends). FORMERR is taken as the
///   reply (no other server is asked) and, as NO_RECOVERY, ends the search list; the name as is is still tried.
/// - A reply with the TC bit makes glibc ask the same server again over TCP, both halves of the pair.
/// - A reply later than the server's wait counts as lost; delays otherwise add up (the pair waits for its slower half).
/// - The conntrack race ("drop_if_inflight") can only hit the second query of a parallel pair: single-request and
///   single-request-reopen send it after the first one's reply came back.
/// </summary>
internal static class GlibcResolverModel
{
    private enum Mode
    {
        Parallel,
        Single,
        Reopen,
    }

    private enum Herrno
    {
        HostNotFound,
        NoData,
        TryAgain,
        NoRecovery,
    }

    private sealed record QueryResult(ImmutableArray<string>? Addresses, Herrno Herrno, DnsReplyKind? LastBadRcode)
    {
        /// <summary>A NOERROR reply with records but no wanted address: res_search calls that found, getaddrinfo EAI_NONAME.</summary>
        public bool FoundWithoutAddress { get; init; }
    }

    public static ModelRun Run(ResolverSettings s, DnsAnswers answers, string name, int dots, bool absolute, ImmutableArray<string> qtypes, LookupFamily family)
    {
        var state = new State(s, answers, qtypes, family);
        var tried = ImmutableArray.CreateBuilder<string>();
        var notes = ImmutableArray.CreateBuilder<string>();

        ModelRun Done(LookupOutcome outcome, string? by, string reason) =>
            new(state.Queries.ToImmutable(), outcome, state.Clock, tried.ToImmutable(), by, reason, notes.ToImmutable()) { Timeline = state.Timeline.Events };

        QueryResult Try(string qname)
        {
            tried.Add(qname);
            return state.QueryName(qname);
        }

        ModelRun NoAddress(string qname) =>
            Done(LookupOutcome.Failure("EAI_NONAME"), null, $"'{qname}' answered with a CNAME but no address, which glibc takes as the answer");

        Herrno? saved = null;
        var triedAsIs = false;
        if (dots >= s.Ndots || absolute)
        {
            var r = Try(name);
            if (r.FoundWithoutAddress)
            {
                return NoAddress(name);
            }

            if (r.Addresses is { } found)
            {
                return Done(LookupOutcome.Success(found), name, absolute ? "the name ends with a dot, so it is tried only as is" : $"{dots} dot(s) ≥ ndots:{s.Ndots}, so the name is tried as is first, and answered");
            }

            if (absolute)
            {
                return Done(LookupOutcome.Failure(Eai(r.Herrno)), null, "the name ends with a dot, so it is tried only as is, and that failed");
            }

            saved = r.Herrno;
            triedAsIs = true;
        }

        bool gotNoData = false, gotServFail = false, searched = false, rootOnList = false;
        Herrno last = saved ?? Herrno.HostNotFound;
        string? stoppedEarly = null;
        foreach (var domain in s.Search)
        {
            searched = true;
            rootOnList |= domain.Length == 0;
            var qname = ResolverSimulator.Join(name, domain);
            var r = Try(qname);
            if (r.FoundWithoutAddress)
            {
                return NoAddress(qname);
            }

            if (r.Addresses is { } found)
            {
                return Done(LookupOutcome.Success(found), qname, $"answered at search suffix '{domain}'");
            }

            last = r.Herrno;
            if (r.Herrno == Herrno.NoData)
            {
                gotNoData = true;
            }
            else if (r.Herrno == Herrno.TryAgain && r.LastBadRcode == DnsReplyKind.ServFail)
            {
                gotServFail = true;
            }
            else if (r.Herrno != Herrno.HostNotFound)
            {
                stoppedEarly = r.Herrno == Herrno.NoRecovery
                    ? $"'{qname}' got FORMERR (NO_RECOVERY), which ends the search list"
                    : r.LastBadRcode is DnsReplyKind.Refused or DnsReplyKind.NotImp
                    ? $"'{qname}' was {DnsReply.Of(r.LastBadRcode.Value).Rcode}, which ends the search list"
                    : $"'{qname}' timed out, which ends the search list";
                break;
            }
        }

        if ((dots > 0 || !searched || !s.NoTldQuery) && !(triedAsIs || rootOnList))
        {
            var r = Try(name);
            if (r.FoundWithoutAddress)
            {
                return NoAddress(name);
            }

            if (r.Addresses is { } found)
            {
                return Done(LookupOutcome.Success(found), name, stoppedEarly is null ? "every search suffix failed; the name as is answered" : stoppedEarly + "; the name as is answered");
            }

            last = r.Herrno;
        }

        var final = saved ?? (gotNoData ? Herrno.NoData : gotServFail ? Herrno.TryAgain : last);
        return Done(LookupOutcome.Failure(Eai(final)), null, stoppedEarly ?? "every candidate name failed");
    }

    private static string Eai(Herrno h) => h switch
    {
        Herrno.NoData => "EAI_NODATA",
        Herrno.TryAgain => "EAI_AGAIN",
        _ => "EAI_NONAME",
    };

    private sealed class State(ResolverSettings s, DnsAnswers answers, ImmutableArray<string> qtypes, LookupFamily family)
    {
        private Mode _mode = s.SingleRequestReopen ? Mode.Reopen : s.SingleRequest ? Mode.Single : Mode.Parallel;
        private readonly int _udpLimit = s.Libc.UdpLimit(s);

        private int _reopened;

        public ImmutableArray<SimulatedQuery>.Builder Queries { get; } = ImmutableArray.CreateBuilder<SimulatedQuery>();

        public TimelineRecorder Timeline { get; } = new();

        public double Clock { get; private set; }

        public QueryResult QueryName(string qname)
        {
            DnsReplyKind? lastBad = null;
            var n = s.Nameservers.Length;
            for (var attempt = 0; attempt < s.Attempts; attempt++)
            {
                for (var k = 0; k < n; k++)
                {
                    var server = s.Nameservers[k];
                    // send_dg waits timeout << i / servers for the i-th server (i > 0), the same in every attempt.
                    var seconds = k == 0 ? s.Timeout : Math.Max(1, (s.Timeout << k) / n);
                    var why = attempt == 0 && k == 0 ? null : attempt == 0 ? "next nameserver" : $"attempt {attempt + 1}";
                    var replies = Send(qname, server, seconds, why);
                    if (replies is null)
                    {
                        continue;
                    }

                    // SERVFAIL, NOTIMP and REFUSED send glibc to the next server unless the other half answered.
                    if (replies.Where(r => r is not null).All(r => r!.Kind is DnsReplyKind.ServFail or DnsReplyKind.Refused or DnsReplyKind.NotImp))
                    {
                        lastBad = replies.Last(r => r is not null)!.Kind;
                        continue;
                    }

                    return Evaluate(replies);
                }
            }

            return new QueryResult(null, Herrno.TryAgain, lastBad);
        }

        private QueryResult Evaluate(DnsReply?[] replies)
        {
            var addresses = new List<string>();
            for (var i = 0; i < replies.Length; i++)
            {
                addresses.AddRange(ResolverSimulator.Wanted(replies[i], qtypes[i], family));
            }

            if (addresses.Count > 0)
            {
                return new QueryResult([.. addresses], Herrno.HostNotFound, null);
            }

            // res_query judges by the first reply's rcode unless that one is NOERROR: FORMERR there is NO_RECOVERY.
            // (SERVFAIL, NOTIMP and REFUSED halves were discarded by send_dg and are not judged.)
            var kept = replies.Where(r => r is not null && r.Kind is not (DnsReplyKind.ServFail or DnsReplyKind.Refused or DnsReplyKind.NotImp)).ToList();
            var judged = kept.Count > 1 && kept[0]!.Kind is DnsReplyKind.Answer or DnsReplyKind.NoData ? kept[1] : kept.FirstOrDefault();
            if (judged is { Kind: DnsReplyKind.FormErr })
            {
                return new QueryResult(null, Herrno.NoRecovery, judged.Kind);
            }

            // res_search takes any NOERROR reply with answer records as found, so a CNAME without the wanted address
            // ends the search there with EAI_NONAME (measured); only an empty NOERROR (NODATA) goes on.
            if (replies.Any(r => r is { Kind: DnsReplyKind.NoData } && !r.CnameChain.IsDefaultOrEmpty))
            {
                return new QueryResult(null, Herrno.HostNotFound, null) { FoundWithoutAddress = true };
            }

            return new QueryResult(null, replies.Any(r => r is { Kind: DnsReplyKind.NoData or DnsReplyKind.Answer }) ? Herrno.NoData : Herrno.HostNotFound, null);
        }

        /// <summary>Lost, or later than glibc waits for this server: no reply as far as glibc can tell.</summary>
        private static bool Lost(DnsReply r, int seconds) => r.Kind == DnsReplyKind.Drop || r.DelayMs >= seconds * 1000;

        private static bool Truncated(DnsReply r, int limit) => r.Truncated || r.WireSize > limit;

        /// <summary>One exchange with one server: the replies per query type (null = that half never answered), or null on timeout.</summary>
        private DnsReply?[]? Send(string qname, string server, int seconds, string? why)
        {
            if (s.UseVc)
            {
                const string vc = "tcp connection (use-vc)";
                var tcp = new DnsReply?[qtypes.Length];
                for (var i = 0; i < qtypes.Length; i++)
                {
                    var q = Emit(qname, qtypes[i], server, "tcp", why, seconds, vc);
                    tcp[i] = q.Reply;
                    if (Lost(q.Reply, seconds))
                    {
                        TimedOut(server, seconds, [qtypes[i]], qname);
                        return null;
                    }

                    Clock += q.Reply.DelayMs / 1000.0;
                    Replied(q, vc);
                }

                return tcp;
            }

            var socket = Socket(server);
            if (qtypes.Length == 1)
            {
                var q = Emit(qname, qtypes[0], server, "udp", why, seconds, socket);
                var r = q.Reply;
                if (Lost(r, seconds))
                {
                    TimedOut(server, seconds, [qtypes[0]], qname);
                    return null;
                }

                Clock += r.DelayMs / 1000.0;
                var truncated = Truncated(r, _udpLimit);
                Replied(q, socket, truncated);
                return truncated ? OverTcp(qname, server, seconds) : [r];
            }

            while (true)
            {
                socket = Socket(server);
                var start = Clock;
                SimulatedQuery qa, qb;
                if (_mode == Mode.Parallel)
                {
                    qa = Emit(qname, qtypes[0], server, "udp", why, seconds, socket);
                    // Both leave one socket back to back: the second is racing the first in conntrack.
                    qb = Emit(qname, qtypes[1], server, "udp", why, seconds, socket, racing: true);
                    if (Lost(qa.Reply, seconds) && Lost(qb.Reply, seconds))
                    {
                        TimedOut(server, seconds, [qtypes[0], qtypes[1]], qname);
                        return null;
                    }
                }
                else
                {
                    qa = Emit(qname, qtypes[0], server, "udp", why, seconds, socket);
                    if (Lost(qa.Reply, seconds))
                    {
                        TimedOut(server, seconds, [qtypes[0]], qname);
                        return null;
                    }

                    Clock += qa.Reply.DelayMs / 1000.0;
                    Replied(qa, socket, Truncated(qa.Reply, _udpLimit));
                    qb = Emit(qname, qtypes[1], server, "udp", why, seconds, socket);
                }

                var a = qa.Reply;
                var b = qb.Reply;
                if (Lost(a, seconds) || Lost(b, seconds))
                {
                    var answered = Lost(a, seconds) ? qb : qa;
                    if (_mode == Mode.Parallel)
                    {
                        Timeline.Reply(answered, answered.Reply, start + answered.Reply.DelayMs / 1000.0, socket, used: false, "glibc waits for the other half of the pair");
                    }

                    var missing = Lost(a, seconds) ? qtypes[0] : qtypes[1];
                    Clock += seconds;
                    Timeline.Timeout(Clock, $"timeout ({seconds} s) fired: no {missing} reply from {server} for {qname}");
                    if (!answered.Reply.IsAnswer)
                    {
                        return null;
                    }

                    if (_mode == Mode.Reopen)
                    {
                        return Lost(a, seconds) ? [null, b] : [a, null];
                    }

                    _mode = _mode == Mode.Parallel ? Mode.Single : Mode.Reopen;
                    why = _mode == Mode.Single
                        ? "half the pair got no reply: glibc resends A and AAAA one after the other (single-request)"
                        : "again half the pair got no reply: glibc resends on a new socket (single-request-reopen)";
                    continue;
                }

                var pairTruncated = Truncated(a, _udpLimit) || Truncated(b, _udpLimit);
                if (_mode == Mode.Parallel)
                {
                    Timeline.Reply(qa, a, start + a.DelayMs / 1000.0, socket, used: !pairTruncated && Usable(a), Note(a, pairTruncated));
                    Timeline.Reply(qb, b, start + b.DelayMs / 1000.0, socket, used: !pairTruncated && Usable(b), Note(b, pairTruncated));
                    Clock += Math.Max(a.DelayMs, b.DelayMs) / 1000.0;
                }
                else
                {
                    Clock += b.DelayMs / 1000.0;
                    Replied(qb, socket, pairTruncated);
                }

                if (pairTruncated)
                {
                    return OverTcp(qname, server, seconds);
                }

                return [a, b];
            }
        }

        /// <summary>glibc keeps one UDP socket per nameserver for the process; single-request-reopen opens a new one for each exchange.</summary>
        private string Socket(string server)
        {
            if (_mode == Mode.Reopen)
            {
                _reopened++;
                return $"udp socket to {server}, reopened ({_reopened})";
            }

            return $"udp socket to {server}";
        }

        /// <summary>SERVFAIL, REFUSED and NOTIMP send glibc to the next server; anything else is the reply.</summary>
        private static bool Usable(DnsReply r) => r.Kind is not (DnsReplyKind.ServFail or DnsReplyKind.Refused or DnsReplyKind.NotImp);

        private static string? Note(DnsReply r, bool truncated) =>
            truncated ? "the pair had a truncated reply: glibc asks the same server again over TCP"
            : !Usable(r) ? $"{r.Rcode}: glibc asks the next nameserver"
            : null;

        private void Replied(SimulatedQuery q, string socket, bool truncated = false) =>
            Timeline.Reply(q, q.Reply, Clock, socket, used: !truncated && Usable(q.Reply), Note(q.Reply, truncated));

        private void TimedOut(string server, int seconds, string[] missing, string qname)
        {
            Clock += seconds;
            Timeline.Timeout(Clock, $"timeout ({seconds} s) fired: no {string.Join(", ", missing)} reply from {server} for {qname}");
        }

        /// <summary>send_vc after a TC reply: the same server over TCP, every query type again, one after the other.</summary>
        private DnsReply?[]? OverTcp(string qname, string server, int seconds)
        {
            const string tc = "reply truncated: retried over TCP";
            const string connection = "tcp connection";
            var replies = new DnsReply?[qtypes.Length];
            for (var i = 0; i < qtypes.Length; i++)
            {
                var q = Emit(qname, qtypes[i], server, "tcp", tc, seconds, connection);
                replies[i] = q.Reply;
                if (Lost(q.Reply, seconds))
                {
                    TimedOut(server, seconds, [qtypes[i]], qname);
                    return null;
                }

                Clock += q.Reply.DelayMs / 1000.0;
                Replied(q, connection);
            }

            return replies;
        }

        private SimulatedQuery Emit(string qname, string qtype, string server, string transport, string? why, int seconds, string socket, bool racing = false)
        {
            var reply = answers.Resolve(server, qname, qtype, transport);
            if (racing && transport == "udp" && answers.DropsIfInflight(server, qname))
            {
                reply = DnsReply.Of(DnsReplyKind.Drop);
                why = (why is null ? "" : why + "; ") + "lost: left the socket while the first query of the pair was in flight (conntrack race)";
            }
            else if (reply.Kind != DnsReplyKind.Drop && reply.DelayMs >= seconds * 1000)
            {
                why = (why is null ? "" : why + "; ") + $"the reply takes {reply.DelayMs} ms, longer than glibc waits ({seconds} s): counted as lost";
            }

            var query = new SimulatedQuery(qname, qtype, server, transport, reply, Clock) { Why = why };
            Queries.Add(query);
            Timeline.Sent(query, socket);
            return query;
        }
    }
}
