using System.Collections.Immutable;
using ClusterNet.Core.Dns.Timeline;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// A <see cref="Queries.DnsLookupQuery"/> answered against a snapshot: whose resolver (the pod, the pod that replaced a
/// gone one, or a pasted file), its resolv.conf, the glibc and musl ladders for the name and the sentence that sums them
/// up. <see cref="Error"/> is set when the question could not be asked (gone pod, malformed resolv.conf).
/// </summary>
public sealed record DnsLookupResult
{
    public string? Error { get; init; }
    public DnsPodProfile? Profile { get; init; }
    /// <summary>The linked pod is gone and <see cref="Profile"/> is this stand-in.</summary>
    public DnsPodReplacement? Replacement { get; init; }
    public ResolvConf? Conf { get; init; }
    /// <summary>The library the verdict is about: the override, else the pod's guess, else glibc.</summary>
    public LibcProfile Primary { get; init; } = LibcProfile.Glibc;
    public ExpansionResult? Glibc { get; init; }
    public ExpansionResult? Musl { get; init; }
    /// <summary>One sentence about the name, null without a name.</summary>
    public string? Verdict { get; init; }
    /// <summary>The pod's /etc/hosts as kubelet writes it (null with a pasted resolv.conf: kubelet's localhost lines are assumed).</summary>
    public HostsFile? Hosts { get; init; }
    /// <summary>The DNS findings of this pod alone, with the C library override applied (so its patches follow the override).</summary>
    public ImmutableArray<Finding> PodFindings { get; init; } = [];
    public DnsTimeline? GlibcTimeline { get; init; }
    public DnsTimeline? MuslTimeline { get; init; }
    /// <summary>What the scenario changed or assumed beyond the answers (a second nameserver added), in one sentence.</summary>
    public string? ScenarioNote { get; init; }

    /// <summary>The primary library's timeline.</summary>
    public DnsTimeline? MyTimeline => Primary.IsMusl ? MuslTimeline : GlibcTimeline;

    /// <summary>The primary library's ladder.</summary>
    public ExpansionResult? Mine => Primary.IsMusl ? Musl : Glibc;

    /// <summary>The other library's ladder, for comparison.</summary>
    public ExpansionResult? Other => Primary.IsMusl ? Glibc : Musl;

    public ObjectKey? PodKey => Profile?.Pod.Key;
}
