using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Predicts what getaddrinfo sends for a name: AI_ADDRCONFIG, /etc/hosts, then glibc's and musl's search and retry
/// rules, measured against the real libraries (tests/ClusterNet.Core.Tests/Dns/Measured). Pure: no network, no clock.
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

        if (request.Libc.ModelAssumption() is { } assumption)
        {
            notes.Add(assumption);
        }

        var family = request.Family;
        var immediate = Immediate(raw, family);
        // musl's AI_ADDRCONFIG turns an AF_INET6 lookup without IPv6 into an AF_INET one, then fails it with EAI_NODATA.
        var muslNoFamily = false;
        if (immediate is null && request.AddrConfig)
        {
            (family, immediate, muslNoFamily) = AddrConfig(request, family, notes);
        }

        if (immediate is null && !request.AddrConfig && !request.PodIpv6)
        {
            notes.Add("IPv6 is disabled in the pod, but without AI_ADDRCONFIG neither library checks: AAAA queries are sent anyway");
        }

        if (immediate is null)
        {
            var hosts = request.Hosts ?? HostsFile.KubeletDefault;
            if (HostsLookup.Find(hosts, request.Libc, raw, family) is { } match)
            {
                var outcome = match.Addresses is { } found
                    ? (muslNoFamily ? LookupOutcome.Failure("EAI_NODATA") : LookupOutcome.Success(found))
                    : LookupOutcome.Failure(match.Error!);
                immediate = (outcome, match.Reason);
            }
            else if (request.Libc.IsGlibc && family != LookupFamily.Unspec && HostsLookup.Find(hosts, request.Libc, raw, LookupFamily.Unspec) is not null)
            {
                notes.Add($"/etc/hosts ({hosts.Source}) has '{raw}' only with the other address family, so glibc asks DNS for the {Describe(family)} address");
            }
        }

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
        var qtypes = QueryTypes(family, settings);
        if (family == LookupFamily.Inet6 && settings.NoAaaa)
        {
            notes.Add("no-aaaa: glibc sends A queries even for an IPv6-only lookup, so AF_INET6 lookups cannot succeed from DNS");
        }

        var model = request.Libc.IsGlibc
            ? GlibcResolverModel.Run(settings, answers, name, dots, absolute, qtypes, family)
            : MuslResolverModel.Run(settings, answers, name, dots, absolute, qtypes, family);
        notes.AddRange(model.Notes);
        var result = model.Outcome;
        var stop = model.StopReason;
        if (muslNoFamily && result.Ok)
        {
            result = LookupOutcome.Failure("EAI_NODATA");
            stop += "; with AI_ADDRCONFIG and no IPv6 musl looked up IPv4 instead and reports EAI_NODATA";
        }

        return new ExpansionResult
        {
            Request = request,
            Settings = settings,
            Queries = model.Queries,
            Result = result,
            WorstCaseSeconds = Math.Round(model.Seconds, 3),
            Candidates = Candidates(request.Libc, settings, name, dots, absolute),
            Tried = model.Tried,
            AnsweredBy = result.Ok ? model.AnsweredBy : null,
            StopReason = stop,
            Notes = notes.ToImmutable(),
            Timeline = model.Timeline,
        };
    }

    /// <summary>
    /// AI_ADDRCONFIG with IPv6 off in the pod. glibc (check_pf.c) counts any non-loopback address, link-local included,
    /// so with IPv6 on it still asks AAAA; without, AF_UNSPEC becomes AF_INET and AF_INET6 fails with EAI_NONAME before
    /// any lookup. musl (getaddrinfo.c) checks whether ::1 is routable: the same for AF_UNSPEC, but AF_INET6 is looked up
    /// as AF_INET and then reported as EAI_NODATA. IPv4 is assumed configured (every pod has an IPv4 address here).
    /// </summary>
    private static (LookupFamily Family, (LookupOutcome Outcome, string Reason)? Immediate, bool MuslNoFamily) AddrConfig(ExpansionRequest request, LookupFamily family, ImmutableArray<string>.Builder notes)
    {
        if (request.PodIpv6)
        {
            notes.Add(request.Libc.IsGlibc
                ? "AI_ADDRCONFIG: the pod has IPv6 (at least eth0's link-local address, which glibc counts), so AAAA is still asked (modelled from glibc's check_pf.c, not measured)"
                : "AI_ADDRCONFIG: the pod has IPv6 (::1 is routable, which is musl's test), so AAAA is still asked (modelled from musl's getaddrinfo.c, not measured)");
            return (family, null, false);
        }

        switch (family)
        {
            case LookupFamily.Unspec:
                notes.Add("AI_ADDRCONFIG with IPv6 disabled in the pod: the lookup asks for IPv4 only (no AAAA queries; modelled from the library sources, not measured)");
                return (LookupFamily.Inet, null, false);
            case LookupFamily.Inet6 when request.Libc.IsGlibc:
                notes.Add("AI_ADDRCONFIG: modelled from glibc's getaddrinfo.c and check_pf.c, not measured");
                return (family, (LookupOutcome.Failure("EAI_NONAME"), "AI_ADDRCONFIG with IPv6 disabled in the pod: glibc fails an AF_INET6 lookup with EAI_NONAME before reading /etc/hosts or asking DNS"), false);
            case LookupFamily.Inet6:
                notes.Add("AI_ADDRCONFIG with IPv6 disabled in the pod: musl looks the name up as AF_INET and then reports EAI_NODATA (modelled from musl's getaddrinfo.c, not measured)");
                return (LookupFamily.Inet, null, true);
            default:
                return (family, null, false);
        }
    }

    private static string Describe(LookupFamily family) => family switch
    {
        LookupFamily.Inet => "IPv4",
        LookupFamily.Inet6 => "IPv6",
        _ => "IPv4 or IPv6",
    };

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
