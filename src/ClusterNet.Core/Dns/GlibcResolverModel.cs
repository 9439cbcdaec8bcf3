using System.Collections.Immutable;

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
            new(state.Queries.ToImmutable(), outcome, state.Clock, tried.ToImmutable(), by, reason, notes.ToImmutable());

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

        public ImmutableArray<SimulatedQuery>.Builder Queries { get; } = ImmutableArray.CreateBuilder<SimulatedQuery>();

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
                var tcp = new DnsReply?[qtypes.Length];
                for (var i = 0; i < qtypes.Length; i++)
                {
                    tcp[i] = Emit(qname, qtypes[i], server, "tcp", why, seconds);
                    if (Lost(tcp[i]!, seconds))
                    {
                        Clock += seconds;
                        return null;
                    }

                    Clock += tcp[i]!.DelayMs / 1000.0;
                }

                return tcp;
            }

            if (qtypes.Length == 1)
            {
                var r = Emit(qname, qtypes[0], server, "udp", why, seconds);
                if (Lost(r, seconds))
                {
                    Clock += seconds;
                    return null;
                }

                Clock += r.DelayMs / 1000.0;
                return Truncated(r, _udpLimit) ? OverTcp(qname, server, seconds) : [r];
            }

            while (true)
            {
                DnsReply a, b;
                if (_mode == Mode.Parallel)
                {
                    a = Emit(qname, qtypes[0], server, "udp", why, seconds);
                    // Both leave one socket back to back: the second is racing the first in conntrack.
                    b = Emit(qname, qtypes[1], server, "udp", why, seconds, racing: true);
                    if (Lost(a, seconds) && Lost(b, seconds))
                    {
                        Clock += seconds;
                        return null;
                    }
                }
                else
                {
                    a = Emit(qname, qtypes[0], server, "udp", why, seconds);
                    if (Lost(a, seconds))
                    {
                        Clock += seconds;
                        return null;
                    }

                    Clock += a.DelayMs / 1000.0;
                    b = Emit(qname, qtypes[1], server, "udp", why, seconds);
                }

                if (Lost(a, seconds) || Lost(b, seconds))
                {
                    var answered = Lost(a, seconds) ? b : a;
                    Clock += seconds;
                    if (!answered.IsAnswer)
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

                Clock += (_mode == Mode.Parallel ? Math.Max(a.DelayMs, b.DelayMs) : b.DelayMs) / 1000.0;
                if (Truncated(a, _udpLimit) || Truncated(b, _udpLimit))
                {
                    return OverTcp(qname, server, seconds);
                }

                return [a, b];
            }
        }

        /// <summary>send_vc after a TC reply: the same server over TCP, every query type again, one after the other.</summary>
        private DnsReply?[]? OverTcp(string qname, string server, int seconds)
        {
            const string tc = "reply truncated: retried over TCP";
            var replies = new DnsReply?[qtypes.Length];
            for (var i = 0; i < qtypes.Length; i++)
            {
                replies[i] = Emit(qname, qtypes[i], server, "tcp", tc, seconds);
                if (Lost(replies[i]!, seconds))
                {
                    Clock += seconds;
                    return null;
                }

                Clock += replies[i]!.DelayMs / 1000.0;
            }

            return replies;
        }

        private DnsReply Emit(string qname, string qtype, string server, string transport, string? why, int seconds, bool racing = false)
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

            Queries.Add(new SimulatedQuery(qname, qtype, server, transport, reply, Clock) { Why = why });
            return reply;
        }
    }
}
