using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Dns;

/// <summary>
/// The lookup that shows a DNS finding happen: which pod, which name and which scenario. The DNS page links each finding
/// to it (pod, name and case in the URL), so opening the link runs the simulation that proves the finding.
/// </summary>
public sealed record DnsFindingScenario(string Pod, string Name, DnsScenario Scenario, string Label)
{
    /// <summary>An external name: it walks the whole search list, so it shows the cost of every candidate.</summary>
    public const string ExternalProbe = "www.example.com";

    /// <summary>An in-cluster name every cluster has.</summary>
    public const string ClusterProbe = "kubernetes.default";

    /// <summary>The scenario that proves <paramref name="finding"/>; null for findings a lookup does not show (API validation, Corefile, ...).</summary>
    public static DnsFindingScenario? For(Finding finding)
    {
        if (finding.Area != FindingArea.Dns || finding.Affected.IsDefaultOrEmpty)
        {
            return null;
        }

        var pod = finding.Affected[0];
        return finding.Code switch
        {
            "musl-conntrack-race" => new(pod, ExternalProbe, DnsScenario.ConntrackRace, "conntrack race"),
            // The usual reason: single-request(-reopen) on musl, which does nothing against the race.
            "ignored-option" => new(pod, ExternalProbe, DnsScenario.ConntrackRace, "conntrack race"),
            "ndots-search-cost" => new(pod, ExternalProbe, DnsScenario.Exists, "the name exists"),
            "egress-blocks-nodelocal-dns" => new(pod, ClusterProbe, DnsScenario.Lost, "no server answers"),
            _ => null,
        };
    }
}
