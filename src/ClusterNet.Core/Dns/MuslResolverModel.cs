using System.Collections.Immutable;

namespace ClusterNet.Core.Dns;

/// <summary>
/// musl's resolver (src/network/lookup_name.c, res_msend.c), measured on Debian's musl 1.2.3:
/// - A and AAAA go to every nameserver at once; the first NOERROR or NXDOMAIN per query wins. A round is resent to
///   every server every timeout/attempts seconds until all queries are answered or timeout seconds have passed.
/// - SERVFAIL is retried at once, at most twice the number of queries per round; REFUSED and other codes are ignored
///   (they count as no reply).
/// - A name with dots ≥ ndots (or a trailing dot) is tried only as is. Otherwise the suffixes are tried in order and
///   the walk continues only on NXDOMAIN; NODATA ends it (EAI_NONAME), a missing reply or SERVFAIL ends it (EAI_AGAIN).
/// </summary>
internal static class MuslResolverModel
{
    public static ModelRun Run(ResolverSettings s, DnsAnswers answers, string name, int dots, bool absolute, ImmutableArray<string> qtypes, LookupFamily family)
    {
        var queries = ImmutableArray.CreateBuilder<SimulatedQuery>();
        var tried = ImmutableArray.CreateBuilder<string>();
        var notes = ImmutableArray.CreateBuilder<string>();
        var clock = 0.0;
        var candidates = ResolverSimulator.Candidates(s.Libc, s, name, dots, absolute);
        if (!absolute && dots >= s.Ndots && !s.Search.IsEmpty)
        {
            notes.Add($"{dots} dot(s) ≥ ndots:{s.Ndots}: musl tries the name only as is and never falls back to the search list (glibc would)");
        }

        foreach (var qname in candidates)
        {
            tried.Add(qname);
            var (replies, seconds) = Send(s, answers, qname, qtypes, queries, clock);
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
                _ => "EAI_NONAME",
            });
            var reason = addresses.Count > 0
                ? (qname == name ? "the name as is answered" : $"answered at '{qname}'")
                : $"'{qname}': {why}, which ends the lookup";
            return new ModelRun(queries.ToImmutable(), outcome, clock, tried.ToImmutable(), addresses.Count > 0 ? qname : null, reason, notes.ToImmutable());
        }

        return new ModelRun(queries.ToImmutable(), LookupOutcome.Failure("EAI_NONAME"), clock, tried.ToImmutable(), null, "every candidate name got NXDOMAIN", notes.ToImmutable());
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

    /// <summary>res_msend: rounds to every server at once; returns the accepted reply per query (null = none) and the time spent.</summary>
    private static (DnsReply?[] Replies, double Seconds) Send(ResolverSettings s, DnsAnswers answers, string qname, ImmutableArray<string> qtypes, ImmutableArray<SimulatedQuery>.Builder log, double start)
    {
        var accepted = new DnsReply?[qtypes.Length];
        var intervalMs = s.Timeout * 1000 / s.Attempts;
        var udpLimit = s.Libc.UdpLimit(s);
        for (var round = 0; round < s.Attempts; round++)
        {
            var at = start + round * intervalMs / 1000.0;
            var why = round == 0 ? null : $"retransmission after {intervalMs / 1000.0:0.###} s (timeout/attempts)";
            var batch = new List<(int Query, int Server)>();
            for (var i = 0; i < qtypes.Length; i++)
            {
                if (accepted[i] is null)
                {
                    for (var j = 0; j < s.Nameservers.Length; j++)
                    {
                        batch.Add((i, j));
                    }
                }
            }

            var servfailBudget = 2 * qtypes.Length;
            while (batch.Count > 0)
            {
                var replies = batch.Select(q =>
                {
                    var server = s.Nameservers[q.Server];
                    var reply = answers.Resolve(server, qname, qtypes[q.Query]);
                    log.Add(new SimulatedQuery(qname, qtypes[q.Query], server, "udp", reply, at) { Why = why });
                    return (q.Query, q.Server, Reply: reply);
                }).ToList();
                why = "SERVFAIL: musl resends at once";

                // Answers that settle a query are taken before failures are retried: the model's reading of a race
                // that, on loopback, the answering server wins.
                foreach (var (query, server, reply) in replies)
                {
                    if (accepted[query] is null && reply.IsAnswer)
                    {
                        accepted[query] = Truncate(s, answers, qname, qtypes[query], s.Nameservers[server], reply, udpLimit, log, at);
                    }
                }

                batch = [];
                foreach (var (query, server, reply) in replies)
                {
                    if (accepted[query] is null && reply.Kind == DnsReplyKind.ServFail && servfailBudget > 0)
                    {
                        servfailBudget--;
                        batch.Add((query, server));
                    }
                }
            }

            if (accepted.All(a => a is not null))
            {
                return (accepted, round * intervalMs / 1000.0);
            }
        }

        return (accepted, s.Timeout);
    }

    private static DnsReply Truncate(ResolverSettings s, DnsAnswers answers, string qname, string qtype, string server, DnsReply reply, int limit, ImmutableArray<SimulatedQuery>.Builder log, double at)
    {
        if (reply.WireSize <= limit)
        {
            return reply;
        }

        if (s.Libc.TcpOnTruncation)
        {
            var full = answers.Resolve(server, qname, qtype);
            log.Add(new SimulatedQuery(qname, qtype, server, "tcp", full, at) { Why = "reply truncated: musl 1.2.4+ retries over TCP" });
            return full;
        }

        // Before 1.2.4 musl keeps the records that fitted in 512 bytes.
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
