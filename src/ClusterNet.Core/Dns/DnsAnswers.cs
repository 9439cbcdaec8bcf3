using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The answers table of `clusternet dns expand --answers`: per nameserver address, what it replies to each name and type.
/// A server missing from the table never answers. <see cref="AllNxDomain"/> is the table used without a file.
/// </summary>
public sealed class DnsAnswers
{
    private const int MaxCnameChain = 8;
    private readonly ImmutableDictionary<string, DnsServerRules>? _servers;

    private DnsAnswers(ImmutableDictionary<string, DnsServerRules>? servers) => _servers = servers;

    /// <summary>Every server answers NXDOMAIN to every query.</summary>
    public static DnsAnswers AllNxDomain { get; } = new(null);

    /// <summary>No server ever answers (every packet lost): the worst case.</summary>
    public static DnsAnswers AllDropped { get; } = new(ImmutableDictionary<string, DnsServerRules>.Empty);

    public IReadOnlyCollection<string> Servers => _servers?.Keys.ToList() ?? [];

    /// <summary>The same rules on every listed server (built in code, without JSON).</summary>
    public static DnsAnswers ForServers(IEnumerable<string> servers, IReadOnlyDictionary<string, DnsRule> names, DnsRule? @default = null)
    {
        var exact = ImmutableDictionary.CreateBuilder<string, DnsRule>(StringComparer.Ordinal);
        var wild = new List<(string, DnsRule)>();
        foreach (var (name, rule) in names)
        {
            var n = NormalizeName(name);
            if (n.StartsWith("*.", StringComparison.Ordinal))
            {
                wild.Add((n[1..], rule));
            }
            else
            {
                exact[n] = rule;
            }
        }

        var rules = new DnsServerRules(@default ?? DnsRule.Action(DnsReplyKind.NxDomain), exact.ToImmutable(), [.. wild.OrderByDescending(w => w.Item1.Length)]);
        return new DnsAnswers(servers.Distinct(StringComparer.Ordinal).ToImmutableDictionary(s => s, _ => rules, StringComparer.Ordinal));
    }

    public static DnsAnswers Parse(string json, string fileName = "answers")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new DnsAnswersFormatException($"{fileName}: not valid JSON: {ex.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DnsAnswersFormatException($"{fileName}: the top level must be an object keyed by nameserver address");
            }

            var servers = ImmutableDictionary.CreateBuilder<string, DnsServerRules>(StringComparer.Ordinal);
            foreach (var server in doc.RootElement.EnumerateObject())
            {
                if (!IPAddress.TryParse(server.Name, out var ip))
                {
                    throw new DnsAnswersFormatException($"{fileName}: key '{server.Name}' is not a nameserver IP address");
                }

                servers[ip.ToString()] = ParseServer(fileName, server.Name, server.Value);
            }

            return new DnsAnswers(servers.ToImmutable());
        }
    }

    private static DnsServerRules ParseServer(string file, string server, JsonElement value)
    {
        var where = $"{file}: {server}";
        if (value.ValueKind == JsonValueKind.String)
        {
            // A bare action for a whole server is a natural shorthand ("10.0.0.1": "DROP").
            return new DnsServerRules(ParseRule(where, value), ImmutableDictionary<string, DnsRule>.Empty, []);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new DnsAnswersFormatException($"{where}: must be an object with \"default\" and \"names\"");
        }

        var def = DnsRule.Action(DnsReplyKind.NxDomain);
        var exact = ImmutableDictionary.CreateBuilder<string, DnsRule>(StringComparer.Ordinal);
        var wild = new List<(string, DnsRule)>();
        var delay = 0;
        foreach (var p in value.EnumerateObject())
        {
            switch (p.Name)
            {
                case "delay_ms":
                    delay = ParseDelay($"{where}.delay_ms", p.Value);
                    break;
                case "default":
                    def = ParseRule($"{where}.default", p.Value);
                    break;
                case "names":
                    if (p.Value.ValueKind != JsonValueKind.Object)
                    {
                        throw new DnsAnswersFormatException($"{where}.names: must be an object keyed by name");
                    }

                    foreach (var n in p.Value.EnumerateObject())
                    {
                        var name = NormalizeName(n.Name);
                        if (name.Length == 0)
                        {
                            throw new DnsAnswersFormatException($"{where}.names: empty name");
                        }

                        var rule = ParseRule($"{where}.names[\"{n.Name}\"]", n.Value);
                        if (name.StartsWith("*.", StringComparison.Ordinal))
                        {
                            wild.Add((name[1..], rule));
                        }
                        else
                        {
                            exact[name] = rule;
                        }
                    }

                    break;
                default:
                    throw new DnsAnswersFormatException($"{where}: unknown key '{p.Name}' (expected \"default\", \"names\" or \"delay_ms\")");
            }
        }

        return new DnsServerRules(def, exact.ToImmutable(), [.. wild.OrderByDescending(w => w.Item1.Length)]) { DelayMs = delay };
    }

    private static DnsRule ParseRule(string where, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return DnsRule.Action(ParseAction(where, value.GetString()!));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new DnsAnswersFormatException($"{where}: a rule is an action string ({ActionList}) or an object by query type");
        }

        var byType = ImmutableDictionary.CreateBuilder<string, DnsTypeRule>(StringComparer.Ordinal);
        string? cname = null;
        int? delay = null;
        bool tc = false, inflight = false;
        foreach (var t in value.EnumerateObject())
        {
            var type = t.Name.ToUpperInvariant();
            var at = $"{where}.{t.Name}";
            switch (t.Name)
            {
                case "delay_ms":
                    delay = ParseDelay(at, t.Value);
                    continue;
                case "tc":
                    tc = ParseFlag(at, t.Value);
                    continue;
                case "drop_if_inflight":
                    inflight = ParseFlag(at, t.Value);
                    continue;
            }

            if (type == "CNAME")
            {
                if (t.Value.ValueKind != JsonValueKind.String || NormalizeName(t.Value.GetString()!).Length == 0)
                {
                    throw new DnsAnswersFormatException($"{at}: CNAME takes the target name as a string");
                }

                cname = NormalizeName(t.Value.GetString()!);
                continue;
            }

            if (t.Value.ValueKind == JsonValueKind.String)
            {
                byType[type] = new DnsTypeRule([], ParseAction(at, t.Value.GetString()!));
                continue;
            }

            if (t.Value.ValueKind != JsonValueKind.Array)
            {
                throw new DnsAnswersFormatException($"{at}: must be a list of records or an action string");
            }

            var records = ImmutableArray.CreateBuilder<string>();
            foreach (var r in t.Value.EnumerateArray())
            {
                if (r.ValueKind != JsonValueKind.String)
                {
                    throw new DnsAnswersFormatException($"{at}: records must be strings");
                }

                var text = r.GetString()!;
                if (type is "A" or "AAAA")
                {
                    var family = type == "A" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                    if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != family)
                    {
                        throw new DnsAnswersFormatException($"{at}: '{text}' is not an {(type == "A" ? "IPv4" : "IPv6")} address");
                    }

                    text = ip.ToString();
                }

                records.Add(text);
            }

            byType[type] = new DnsTypeRule(records.ToImmutable());
        }

        return new DnsRule { ByType = byType.ToImmutable(), CnameTarget = cname, DelayMs = delay, Truncate = tc, DropIfInflight = inflight };
    }

    private const string ActionList = "NXDOMAIN, NODATA, SERVFAIL, REFUSED, NOTIMP, FORMERR, DROP";

    private static DnsReplyKind ParseAction(string where, string text) => text.ToUpperInvariant() switch
    {
        "NXDOMAIN" => DnsReplyKind.NxDomain,
        "NODATA" => DnsReplyKind.NoData,
        "SERVFAIL" => DnsReplyKind.ServFail,
        "REFUSED" => DnsReplyKind.Refused,
        "NOTIMP" => DnsReplyKind.NotImp,
        "FORMERR" => DnsReplyKind.FormErr,
        "DROP" => DnsReplyKind.Drop,
        _ => throw new DnsAnswersFormatException($"{where}: unknown action '{text}' (expected NXDOMAIN, NODATA, SERVFAIL, REFUSED, NOTIMP, FORMERR or DROP)"),
    };

    /// <summary>Longest delay accepted: beyond every timeout either library allows (glibc 30 s, musl 60 s).</summary>
    private const int MaxDelayMs = 600_000;

    private static int ParseDelay(string where, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var ms) || ms < 0 || ms > MaxDelayMs)
        {
            throw new DnsAnswersFormatException($"{where}: delay_ms must be a whole number of milliseconds from 0 to {MaxDelayMs}");
        }

        return ms;
    }

    private static bool ParseFlag(string where, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new DnsAnswersFormatException($"{where}: must be true or false"),
    };

    public static string NormalizeName(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// What <paramref name="server"/> replies to (<paramref name="qname"/>, <paramref name="qtype"/>) over
    /// <paramref name="transport"/> ("udp" or "tcp"): a "tc" rule answers UDP with the TC bit and no records.
    /// </summary>
    public DnsReply Resolve(string server, string qname, string qtype, string transport = "udp")
    {
        var name = NormalizeName(qname);
        if (_servers is null)
        {
            return Sized(DnsReply.Of(DnsReplyKind.NxDomain), name);
        }

        if (!_servers.TryGetValue(server, out var rules))
        {
            return DnsReply.Of(DnsReplyKind.Drop);
        }

        var first = rules.Find(name);
        var reply = Follow(rules, name, qtype);
        if (reply.Kind == DnsReplyKind.Drop)
        {
            return reply;
        }

        reply = reply with { DelayMs = first.DelayMs ?? rules.DelayMs };
        if (first.Truncate && transport == "udp")
        {
            // A truncated reply keeps the header and the question only; its rcode stays, NOERROR shows as no records.
            var kind = reply.Kind == DnsReplyKind.Answer ? DnsReplyKind.NoData : reply.Kind;
            return Sized(reply with { Kind = kind, Addresses = [], CnameChain = [], Truncated = true }, name);
        }

        return reply;
    }

    /// <summary>True when the rule for <paramref name="qname"/> on <paramref name="server"/> has "drop_if_inflight".</summary>
    public bool DropsIfInflight(string server, string qname) =>
        _servers is not null && _servers.TryGetValue(server, out var rules) && rules.Find(NormalizeName(qname)).DropIfInflight;

    private static DnsReply Follow(DnsServerRules rules, string name, string qtype)
    {
        var chain = ImmutableArray.CreateBuilder<string>();
        var current = name;
        for (var depth = 0; ; depth++)
        {
            var rule = rules.Find(current);
            if (rule.All is { } all)
            {
                // A CNAME whose target the server cannot resolve still answers NOERROR with the CNAME alone.
                return Sized(chain.Count == 0 ? DnsReply.Of(all) : Chain(DnsReplyKind.NoData, [], chain), name);
            }

            if (rule.ByType.TryGetValue(qtype, out var typeRule))
            {
                if (typeRule.Action is { } action)
                {
                    return Sized(chain.Count == 0 ? DnsReply.Of(action) : Chain(DnsReplyKind.NoData, [], chain), name);
                }

                var kind = typeRule.Addresses.IsEmpty ? DnsReplyKind.NoData : DnsReplyKind.Answer;
                return Sized(Chain(kind, qtype is "A" or "AAAA" ? typeRule.Addresses : [], chain), name);
            }

            if (rule.CnameTarget is { } target && depth < MaxCnameChain && !chain.Contains(target))
            {
                chain.Add(target);
                current = target;
                continue;
            }

            return Sized(Chain(DnsReplyKind.NoData, [], chain), name);
        }
    }

    private static DnsReply Chain(DnsReplyKind kind, ImmutableArray<string> addresses, ImmutableArray<string>.Builder chain) =>
        new(kind, addresses, chain.ToImmutable(), 0);

    /// <summary>Reply size with name compression: header, question, CNAME records, then address records.</summary>
    private static DnsReply Sized(DnsReply reply, string qname)
    {
        if (reply.Kind == DnsReplyKind.Drop)
        {
            return reply;
        }

        var size = 12 + WireLength(qname) + 4;
        foreach (var target in reply.CnameChain)
        {
            size += 2 + 10 + WireLength(target);
        }

        foreach (var a in reply.Addresses)
        {
            size += 2 + 10 + (a.Contains(':', StringComparison.Ordinal) ? 16 : 4);
        }

        return reply with { WireSize = size };
    }

    public static int WireLength(string name) => name.Length == 0 ? 1 : name.Length + 2;

    private sealed record DnsServerRules(DnsRule Default, ImmutableDictionary<string, DnsRule> Exact, ImmutableArray<(string Suffix, DnsRule Rule)> Wildcards)
    {
        /// <summary>The server's delay_ms: every reply from it, unless the name's rule has its own.</summary>
        public int DelayMs { get; init; }

        public DnsRule Find(string name)
        {
            if (Exact.TryGetValue(name, out var rule))
            {
                return rule;
            }

            foreach (var (suffix, r) in Wildcards)
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                {
                    return r;
                }
            }

            return Default;
        }
    }
}
