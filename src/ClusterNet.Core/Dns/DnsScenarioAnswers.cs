using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The answers a ladder assumes for a <see cref="DnsScenario"/>, derived from the snapshot: every name the resolver may
/// ask (the name as typed and with each search suffix) that is a Service of the cluster answers with the Service's
/// ClusterIPs (a headless Service with its pods' IPs, an ExternalName Service with a CNAME); a name outside the cluster
/// domain that matches no Service "exists as typed" with an address from the documentation ranges
/// (<see cref="ExampleIpv4"/>, <see cref="ExampleIpv6"/>), since its real answer is only known by asking (the live lookup
/// does). Every server of the resolv.conf answers the same.
/// </summary>
internal static class DnsScenarioAnswers
{
    /// <summary>RFC 5737 TEST-NET-3: the stand-in answer of an external name.</summary>
    public const string ExampleIpv4 = "203.0.113.10";

    /// <summary>RFC 3849 documentation prefix: the stand-in AAAA answer of an external name.</summary>
    public const string ExampleIpv6 = "2001:db8::10";

    /// <summary>How late the second nameserver of <see cref="DnsScenario.SlowSecondNameserver"/> answers.</summary>
    public const int SlowServerDelayMs = 1500;

    /// <summary>The second nameserver added when the pod has one only (RFC 5737 TEST-NET-1: a stand-in, said so in the note).</summary>
    public const string StandInSecondNameserver = "192.0.2.53";

    public static DnsAnswers For(ClusterSnapshot snapshot, ResolvConf conf, string name, DnsScenario scenario, string clusterDomain)
    {
        switch (scenario)
        {
            case DnsScenario.NxDomain:
                return DnsAnswers.AllNxDomain;
            case DnsScenario.Lost:
                return DnsAnswers.AllDropped;
        }

        var names = Existing(snapshot, conf, name, clusterDomain);
        var servers = conf.Nameservers.IsEmpty ? ["127.0.0.1"] : conf.Nameservers.ToArray();
        var nxDomain = DnsRule.Action(DnsReplyKind.NxDomain);
        return scenario switch
        {
            DnsScenario.AaaaLost => DnsAnswers.ForServers(servers, names.ToDictionary(kv => kv.Key, kv => AaaaLost(kv.Value)), AaaaLost(nxDomain)),
            DnsScenario.Truncated => DnsAnswers.ForServers(servers, names.ToDictionary(kv => kv.Key, kv => kv.Value with { Truncate = true })),
            DnsScenario.ConntrackRace => DnsAnswers.ForServers(servers, names.ToDictionary(kv => kv.Key, kv => kv.Value with { DropIfInflight = true }), nxDomain with { DropIfInflight = true }),
            // The first server is missing from the table (it never answers); every other answers late.
            DnsScenario.SlowSecondNameserver => DnsAnswers.ForServers(servers.Skip(1), names.ToDictionary(kv => kv.Key, kv => kv.Value with { DelayMs = SlowServerDelayMs }), nxDomain with { DelayMs = SlowServerDelayMs }),
            _ => DnsAnswers.ForServers(servers, names),
        };
    }

    /// <summary>
    /// The resolv.conf a scenario runs on: the pod's, except that <see cref="DnsScenario.SlowSecondNameserver"/> needs two
    /// nameservers and adds the node's first nameserver (else a stand-in address) when the pod has one; the note says so.
    /// </summary>
    public static (ResolvConf Conf, string? Note) Conf(ResolvConf conf, DnsScenario scenario, DnsClusterSettings settings)
    {
        if (scenario != DnsScenario.SlowSecondNameserver)
        {
            return (conf, null);
        }

        if (conf.Nameservers.Length >= 2)
        {
            return (conf, $"Scenario: {conf.Nameservers[0]} does not answer; {conf.Nameservers[1]} answers after {SlowServerDelayMs} ms.");
        }

        var first = conf.Nameservers.FirstOrDefault() ?? "127.0.0.1";
        var known = settings.NodeNameservers.FirstOrDefault(n => n != first);
        var second = known ?? StandInSecondNameserver;
        var where = known is null ? $"{second} (a stand-in address: a second nameserver such as an upstream added with dnsConfig.nameservers)" : $"{second} (the node's nameserver)";
        return (conf with { Nameservers = [first, second] },
            $"Scenario: this pod has one nameserver, so a second one is added: {where}. {first} does not answer; {second} answers after {SlowServerDelayMs} ms.");
    }

    /// <summary>The names that exist in this scenario and their records (Services, and the typed name when it is external).</summary>
    public static IReadOnlyDictionary<string, DnsRule> Existing(ClusterSnapshot snapshot, ResolvConf conf, string name, string clusterDomain)
    {
        var domain = DnsAnswers.NormalizeName(clusterDomain);
        var typed = DnsAnswers.NormalizeName(name);
        var names = new Dictionary<string, DnsRule>(StringComparer.Ordinal);
        foreach (var candidate in Candidates(typed, conf))
        {
            if (ServiceRule(snapshot, candidate, domain) is { } rule)
            {
                names[candidate] = rule;
                if (rule.CnameTarget is { } target && !target.EndsWith("." + domain, StringComparison.Ordinal))
                {
                    names.TryAdd(target, External);
                }
            }
        }

        if (names.Count == 0 && typed.Length > 0 && typed != domain && !typed.EndsWith("." + domain, StringComparison.Ordinal))
        {
            names[typed] = External;
        }

        return names;
    }

    private static DnsRule External => DnsRule.Addresses([ExampleIpv4], [ExampleIpv6]);

    private static IEnumerable<string> Candidates(string typed, ResolvConf conf)
    {
        if (typed.Length == 0)
        {
            yield break;
        }

        yield return typed;
        foreach (var suffix in conf.Search)
        {
            yield return typed + "." + DnsAnswers.NormalizeName(suffix);
        }
    }

    /// <summary>"svc.ns.svc.&lt;domain&gt;" as the cluster DNS answers it; null when no such Service is in the snapshot.</summary>
    private static DnsRule? ServiceRule(ClusterSnapshot snapshot, string fqdn, string domain)
    {
        var suffix = ".svc." + domain;
        if (!fqdn.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = fqdn[..^suffix.Length].Split('.');
        if (parts.Length != 2 || snapshot.Services.FirstOrDefault(s => string.Equals(s.Namespace, parts[1], StringComparison.OrdinalIgnoreCase)
                && string.Equals(s.Name, parts[0], StringComparison.OrdinalIgnoreCase)) is not { } service)
        {
            return null;
        }

        if (service.Type == "ExternalName" && !string.IsNullOrEmpty(service.ExternalName))
        {
            return new DnsRule { CnameTarget = DnsAnswers.NormalizeName(service.ExternalName) };
        }

        IEnumerable<string> addresses = service.ClusterIps.IsDefaultOrEmpty || service.ClusterIps[0] == "None"
            ? snapshot.PodsSelectedBy(service).Where(p => p.Ready).SelectMany(p => p.PodIps)
            : service.ClusterIps;
        var list = addresses.Where(a => IPAddress.TryParse(a, out _)).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var v4 = list.Where(a => IPAddress.Parse(a).AddressFamily == AddressFamily.InterNetwork).ToList();
        var v6 = list.Where(a => IPAddress.Parse(a).AddressFamily == AddressFamily.InterNetworkV6).ToList();
        return DnsRule.Addresses(v4.Count > 0 ? v4 : null, v6.Count > 0 ? v6 : null);
    }

    private static DnsRule AaaaLost(DnsRule rule)
    {
        var a = rule.All is { } all ? new DnsTypeRule([], all)
            : rule.ByType.TryGetValue("A", out var typeRule) ? typeRule
            : rule.CnameTarget is null ? new DnsTypeRule([], DnsReplyKind.NoData) : null;
        var byType = ImmutableDictionary<string, DnsTypeRule>.Empty.Add("AAAA", new DnsTypeRule([], DnsReplyKind.Drop));
        return new DnsRule { ByType = a is null ? byType : byType.Add("A", a), CnameTarget = rule.CnameTarget };
    }
}
