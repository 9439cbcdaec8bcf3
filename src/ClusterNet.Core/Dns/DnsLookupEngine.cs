using System.Collections.Immutable;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Dns.Timeline;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Answers a <see cref="DnsLookupQuery"/> the way the DNS page asks it: a pod (or the pod that replaced it) gives the
/// resolv.conf and the C library; without a pod, a pasted resolv.conf (default: the ClusterFirst file of namespace
/// default); then the name through both libraries with the scenario's answers (or an explicit answers table).
/// </summary>
public static class DnsLookupEngine
{
    public static DnsLookupResult Run(DnsLookupQuery query, ClusterSnapshot snapshot, DnsClusterSettings settings)
    {
        DnsPodProfile? profile = null;
        DnsPodReplacement? replacement = null;
        ResolvConf conf;
        LibcProfile primary;
        HostsFile? hosts = null;
        ImmutableArray<Finding> podFindings = [];
        if (query.Pod is { } key)
        {
            var pod = snapshot.Pods.Get(key);
            if (pod is null)
            {
                replacement = DnsPodReplacement.Find(snapshot, key);
                pod = replacement?.Pod;
            }

            if (pod is null)
            {
                return new DnsLookupResult { Error = $"Pod {key} is not in the cluster (any more)." };
            }

            var options = Overrides(pod, query.Libc);
            profile = DnsPodProfile.For(pod, snapshot, ClusterFacts.Of(snapshot).Dns, settings, options);
            conf = profile.ResolvConf.Conf;
            primary = query.Libc ?? (profile.PrimaryLibc.Libc == LibcKind.Musl ? LibcProfile.Musl : LibcProfile.Glibc);
            hosts = PodHostsFileBuilder.Build(pod, settings.ClusterDomain);
            podFindings = DnsFindingsAnalyzer.ForPod(snapshot, pod, settings, options);
        }
        else
        {
            try
            {
                conf = ResolvConfParser.Parse(query.ResolvConf ?? DefaultResolvConf(snapshot, settings), "resolv.conf");
            }
            catch (ResolvConfFormatException ex)
            {
                return new DnsLookupResult { Error = ex.Message };
            }

            primary = query.Libc ?? LibcProfile.Glibc;
        }

        var result = new DnsLookupResult { Profile = profile, Replacement = replacement, Conf = conf, Primary = primary, Hosts = hosts, PodFindings = podFindings };
        if (query.Name is not { Length: > 0 } name)
        {
            return result;
        }

        // An explicit answers table is the user's own scenario: the pod's file as it is.
        var (runConf, scenarioNote) = query.Answers is null ? DnsScenarioAnswers.Conf(conf, query.Scenario, settings) : (conf, null);
        var answers = query.Answers ?? DnsScenarioAnswers.For(snapshot, runConf, name, query.Scenario, settings.ClusterDomain);
        var glibc = ResolverSimulator.Expand(new ExpansionRequest { ResolvConf = runConf, Libc = primary.IsGlibc ? primary : LibcProfile.Glibc, Name = name, Family = query.Family, Answers = answers, Hosts = hosts });
        var musl = ResolverSimulator.Expand(new ExpansionRequest { ResolvConf = runConf, Libc = primary.IsMusl ? primary : LibcProfile.Musl, Name = name, Family = query.Family, Answers = answers, Hosts = hosts });
        result = result with
        {
            Glibc = glibc,
            Musl = musl,
            GlibcTimeline = DnsTimeline.Of(glibc),
            MuslTimeline = DnsTimeline.Of(musl),
            ScenarioNote = scenarioNote,
        };
        return result with { Verdict = Verdict(result, name) };
    }

    /// <summary>The user's C library for every container of the pod, when the URL overrides the guess from the images.</summary>
    public static DnsAnalysisOptions? Overrides(PodInfo pod, LibcProfile? libc) => libc is null ? null : DnsAnalysisOptions.Default with
    {
        LibcOverrides = pod.Containers.Where(c => !c.IsInit).Select(c => c.Image.Trim()).Distinct(StringComparer.Ordinal)
            .ToImmutableDictionary(i => i, _ => libc.Kind, StringComparer.Ordinal),
    };

    /// <summary>The resolv.conf a pod of namespace default gets with dnsPolicy ClusterFirst: the starting point to paste over.</summary>
    public static string DefaultResolvConf(ClusterSnapshot snapshot, DnsClusterSettings settings)
    {
        var effective = EffectiveResolvConfBuilder.Build("default", "ClusterFirst", false, null, ClusterFacts.Of(snapshot).Dns, settings);
        return effective.Conf.Nameservers.IsEmpty ? effective.Conf.Render().Insert(0, "nameserver 127.0.0.1\n") : effective.Conf.Render();
    }

    private static string Seconds(ExpansionResult r) => r.WorstCaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Verdict(DnsLookupResult r, string name)
    {
        var mine = r.Mine!;
        var other = r.Other!;
        var who = r.Profile is null ? "This resolv.conf" : $"{r.Profile.Pod.Key} ({r.Profile.PrimaryLibc.Label})";
        var outcome = mine.Result.Ok ? $"resolves ({string.Join(", ", mine.Result.Addresses)})" : $"fails with {mine.Result.Error}";
        var otherOutcome = other.Result.Ok ? "resolves" : $"fails with {other.Result.Error}";
        return $"{who}: {name} costs {mine.Queries.Length} queries with {r.Primary.Name} and {outcome} after {Seconds(mine)} s; {other.Request.Libc.Name} sends {other.Queries.Length} and {otherOutcome} after {Seconds(other)} s.";
    }
}
