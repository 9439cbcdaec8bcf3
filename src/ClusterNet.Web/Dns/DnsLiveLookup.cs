using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using ClusterNet.Core.Dns;
using DnsClient;
using DnsClient.Protocol;

namespace ClusterNet.Web.Dns;

/// <summary>
/// Runs a name through the predicted search ladder against a real server: asks the server each candidate name the
/// library would ask, in order, until the simulator (fed with the real answers so far) needs nothing more; then shows
/// every predicted query beside its live answer and latency. Every nameserver of the resolv.conf is played by the one
/// chosen server. No retries, no cache: one packet per distinct question.
/// </summary>
public sealed class DnsLiveLookup
{
    public async Task<LiveLookupResult> RunAsync(LiveLookupRequest request, CancellationToken cancellationToken = default)
    {
        if (!IPAddress.TryParse(request.Server, out var server))
        {
            throw new ArgumentException($"'{request.Server}' is not an IP address", nameof(request));
        }

        var settings = ResolverSettings.From(request.ResolvConf, request.Libc);
        var timeout = TimeSpan.FromSeconds(Math.Min(settings.Timeout, request.MaxTimeout.TotalSeconds));
        var client = new LookupClient(new LookupClientOptions(new NameServer(server, request.Port))
        {
            UseCache = false,
            Retries = 0,
            Timeout = timeout,
            UseTcpFallback = true,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            Recursion = true,
        });

        var live = new Dictionary<(string Name, string Type), (DnsReply Reply, double Ms, string? Error)>();
        var total = Stopwatch.StartNew();
        ExpansionResult prediction;
        for (var round = 0; ; round++)
        {
            prediction = Predict(request, live);
            var missing = prediction.Queries.Select(q => (q.Qname, q.Qtype)).Where(k => !live.ContainsKey(k)).Distinct().ToList();
            if (missing.Count == 0 || round > 64)
            {
                break;
            }

            // Ask the next question the library would ask, then predict again with that answer.
            var (name, type) = missing[0];
            live[(name, type)] = await AskAsync(client, name, type, cancellationToken);
        }

        var seen = new HashSet<(string, string)>();
        var queries = prediction.Queries.Select(q =>
        {
            var first = seen.Add((q.Qname, q.Qtype));
            return live.TryGetValue((q.Qname, q.Qtype), out var l) && first ? new LiveQuery(q, l.Reply, l.Ms, l.Error) : new LiveQuery(q, null, null, null);
        }).ToImmutableArray();
        var r = prediction.Result;
        return new LiveLookupResult
        {
            Prediction = prediction,
            Queries = queries,
            Server = $"{request.Server}:{request.Port}",
            TotalLatencyMs = Math.Round(total.Elapsed.TotalMilliseconds, 1),
            Verdict = r.Ok
                ? $"{request.Libc.Name} would resolve {request.Name} to {string.Join(", ", r.Addresses)} after {prediction.Queries.Length} queries ({live.Count} asked live, {total.Elapsed.TotalMilliseconds:0} ms)"
                : $"{request.Libc.Name} would fail {request.Name} with {r.Error} after {prediction.Queries.Length} queries ({live.Count} asked live, {total.Elapsed.TotalMilliseconds:0} ms)",
        };
    }

    private static ExpansionResult Predict(LiveLookupRequest request, Dictionary<(string Name, string Type), (DnsReply Reply, double Ms, string? Error)> live)
    {
        // Names not asked yet answer NXDOMAIN so the simulator walks on to them; they are asked before the result counts.
        var answers = LiveAnswers(request.ResolvConf, live);
        return ResolverSimulator.Expand(new ExpansionRequest { ResolvConf = request.ResolvConf, Libc = request.Libc, Name = request.Name, Family = request.Family, Answers = answers });
    }

    private static DnsAnswers LiveAnswers(ResolvConf conf, Dictionary<(string Name, string Type), (DnsReply Reply, double Ms, string? Error)> live)
    {
        var names = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        Dictionary<string, object> Rule(string name) => names.TryGetValue(name, out var r) ? r : names[name] = new(StringComparer.Ordinal);

        foreach (var ((name, type), value) in live)
        {
            var reply = value.Reply;
            if (reply.Kind == DnsReplyKind.NoData && !reply.CnameChain.IsDefaultOrEmpty)
            {
                // A CNAME-only reply: kept as a CNAME so the simulator judges it as the libraries do (below).
                continue;
            }

            Rule(name)[type] = reply.Kind switch
            {
                DnsReplyKind.Answer => reply.Addresses.ToArray(),
                DnsReplyKind.NoData => "NODATA",
                DnsReplyKind.NxDomain => "NXDOMAIN",
                DnsReplyKind.ServFail => "SERVFAIL",
                DnsReplyKind.Refused => "REFUSED",
                DnsReplyKind.NotImp => "NOTIMP",
                DnsReplyKind.FormErr => "FORMERR",
                _ => "DROP",
            };
        }

        // NOERROR with a CNAME chain and no address: glibc takes it as found and stops with EAI_NONAME, musl as NODATA.
        // The table says it as the server did: the name is a CNAME, the chain's end has no record of that type.
        // Names asked directly keep their own answers.
        foreach (var ((name, type), value) in live)
        {
            var chain = value.Reply.CnameChain;
            if (value.Reply.Kind != DnsReplyKind.NoData || chain.IsDefaultOrEmpty)
            {
                continue;
            }

            Rule(name).TryAdd("CNAME", chain[0]);
            for (var i = 0; i + 1 < chain.Length; i++)
            {
                Rule(chain[i]).TryAdd("CNAME", chain[i + 1]);
            }

            Rule(chain[^1]).TryAdd(type, "NODATA");
        }

        var servers = conf.Nameservers.IsEmpty ? ["127.0.0.1"] : conf.Nameservers;
        var table = servers.Distinct().ToDictionary(s => s, _ => (object)new { @default = "NXDOMAIN", names });
        return DnsAnswers.Parse(System.Text.Json.JsonSerializer.Serialize(table));
    }

    private static async Task<(DnsReply Reply, double Ms, string? Error)> AskAsync(LookupClient client, string name, string type, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var response = await client.QueryAsync(name + ".", type == "AAAA" ? QueryType.AAAA : QueryType.A, QueryClass.IN, ct);
            var ms = Math.Round(sw.Elapsed.TotalMilliseconds, 2);
            var addresses = response.Answers.OfType<ARecord>().Select(a => a.Address.ToString())
                .Concat(response.Answers.OfType<AaaaRecord>().Select(a => a.Address.ToString())).ToImmutableArray();
            var chain = response.Answers.OfType<CNameRecord>().Select(c => c.CanonicalName.Value.TrimEnd('.')).ToImmutableArray();
            var kind = response.Header.ResponseCode switch
            {
                DnsHeaderResponseCode.NotExistentDomain => DnsReplyKind.NxDomain,
                DnsHeaderResponseCode.ServerFailure => DnsReplyKind.ServFail,
                DnsHeaderResponseCode.Refused => DnsReplyKind.Refused,
                DnsHeaderResponseCode.NotImplemented => DnsReplyKind.NotImp,
                DnsHeaderResponseCode.FormatError => DnsReplyKind.FormErr,
                DnsHeaderResponseCode.NoError => addresses.IsEmpty ? DnsReplyKind.NoData : DnsReplyKind.Answer,
                _ => DnsReplyKind.ServFail,
            };
            return (new DnsReply(kind, addresses, chain, 0), ms, null);
        }
        catch (DnsResponseException ex)
        {
            return (DnsReply.Of(DnsReplyKind.Drop), Math.Round(sw.Elapsed.TotalMilliseconds, 2), ex.Code == DnsResponseCode.ConnectionTimeout ? "timeout" : ex.Message);
        }
    }
}
