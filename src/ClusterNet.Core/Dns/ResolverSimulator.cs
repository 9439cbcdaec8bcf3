using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Predicts what getaddrinfo sends for a name: glibc's and musl's search and retry rules, measured against the real
/// libraries (tests/ClusterNet.Core.Tests/Dns/Measured). Pure: no network, no clock.
/// </summary>
public static class ResolverSimulator
{
    public static ExpansionResult Expand(ExpansionRequest request)
    {
        var settings = ResolverSettings.From(request.ResolvConf, request.Libc);
        var answers = request.Answers ?? DnsAnswers.AllNxDomain;
        var raw = request.Name.Trim();
        var notes = ImmutableArray.CreateBuilder<string>();
        notes.AddRange(settings.Notes);
        if (settings.Rotate)
        {
            notes.Add("rotate: glibc starts each query at a random nameserver; the ladder shows the first one first");
        }

        var immediate = Immediate(raw, request.Family);
        if (immediate is not null)
        {
            return new ExpansionResult
            {
                Request = request,
                Settings = settings,
                Result = immediate.Value.Outcome,
                StopReason = immediate.Value.Reason,
                Notes = notes.ToImmutable(),
            };
        }

        var absolute = raw.EndsWith('.');
        var name = DnsAnswers.NormalizeName(raw);
        var dots = name.Count(c => c == '.');
        var qtypes = QueryTypes(request.Family, settings);
        if (request.Family == LookupFamily.Inet6 && settings.NoAaaa)
        {
            notes.Add("no-aaaa: glibc sends A queries even for an IPv6-only lookup, so AF_INET6 lookups cannot succeed from DNS");
        }

        var model = request.Libc.IsGlibc
            ? GlibcResolverModel.Run(settings, answers, name, dots, absolute, qtypes, request.Family)
            : MuslResolverModel.Run(settings, answers, name, dots, absolute, qtypes, request.Family);
        notes.AddRange(model.Notes);
        return new ExpansionResult
        {
            Request = request,
            Settings = settings,
            Queries = model.Queries,
            Result = model.Outcome,
            WorstCaseSeconds = Math.Round(model.Seconds, 3),
            Candidates = Candidates(request.Libc, settings, name, dots, absolute),
            Tried = model.Tried,
            AnsweredBy = model.AnsweredBy,
            StopReason = model.StopReason,
            Notes = notes.ToImmutable(),
        };
    }

    /// <summary>The names tried in order if every one of them failed with NXDOMAIN.</summary>
    public static ImmutableArray<string> Candidates(LibcProfile libc, ResolverSettings settings, string name, int dots, bool absolute)
    {
        if (absolute)
        {
            return [name];
        }

        if (libc.IsMusl)
        {
            if (dots >= settings.Ndots)
            {
                return [name];
            }

            return [.. settings.Search.Where(d => name.Length + 1 + d.Length < 255).Select(d => Join(name, d)), name];
        }

        var list = new List<string>();
        var asIsFirst = dots >= settings.Ndots;
        if (asIsFirst)
        {
            list.Add(name);
        }

        var rootOnList = false;
        foreach (var d in settings.Search)
        {
            rootOnList |= d.Length == 0;
            list.Add(Join(name, d));
        }

        if (!(asIsFirst || rootOnList) && (dots > 0 || settings.Search.IsEmpty || !settings.NoTldQuery))
        {
            list.Add(name);
        }

        return [.. list];
    }

    internal static string Join(string name, string domain) => domain.Length == 0 ? name : $"{name}.{domain}";

    internal static ImmutableArray<string> QueryTypes(LookupFamily family, ResolverSettings settings) => family switch
    {
        LookupFamily.Inet => ["A"],
        // glibc's no-aaaa turns the AAAA query of an AF_INET6 lookup into an A query (measured on 2.36).
        LookupFamily.Inet6 => settings.NoAaaa ? ["A"] : ["AAAA"],
        _ => settings.NoAaaa ? ["A"] : ["A", "AAAA"],
    };

    internal static IEnumerable<string> Wanted(DnsReply? reply, string qtype, LookupFamily family)
    {
        if (reply is null || reply.Kind != DnsReplyKind.Answer)
        {
            return [];
        }

        var ok = family switch
        {
            LookupFamily.Inet => qtype == "A",
            LookupFamily.Inet6 => qtype == "AAAA",
            _ => true,
        };
        return ok ? reply.Addresses : [];
    }

    /// <summary>Lookups settled without DNS: empty or malformed names, IP literals.</summary>
    private static (LookupOutcome Outcome, string Reason)? Immediate(string raw, LookupFamily family)
    {
        if (raw.Length == 0 || raw == "." || raw.EndsWith("..", StringComparison.Ordinal) || raw.StartsWith('.') || raw.Contains("..", StringComparison.Ordinal))
        {
            return (LookupOutcome.Failure("EAI_NONAME"), "the name is empty or malformed, so no query is sent");
        }

        if (DnsAnswers.NormalizeName(raw).Length > 253)
        {
            return (LookupOutcome.Failure("EAI_NONAME"), "the name is longer than 253 characters, so no query is sent");
        }

        if (IPAddress.TryParse(raw, out var ip) && (raw.Contains(':', StringComparison.Ordinal) || raw.Count(c => c == '.') == 3))
        {
            var matches = family switch
            {
                LookupFamily.Inet => ip.AddressFamily == AddressFamily.InterNetwork,
                LookupFamily.Inet6 => ip.AddressFamily == AddressFamily.InterNetworkV6,
                _ => true,
            };
            return matches
                ? (LookupOutcome.Success([ip.ToString()]), "the name is an IP address literal: getaddrinfo returns it without DNS")
                : (LookupOutcome.Failure("EAI_ADDRFAMILY"), "the name is an IP address literal of the other family");
        }

        return null;
    }
}
