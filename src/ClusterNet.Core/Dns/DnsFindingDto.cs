using System.Collections.Immutable;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.Dns;

/// <summary>
/// A DNS finding as <c>clusternet dns findings --format json</c> and <c>GET /api/dns/findings</c> carry it (their contract,
/// property for property): mapped from a <see cref="Finding"/> at the boundary by <see cref="From"/>.
/// </summary>
public sealed record DnsFindingDto(
    string Id,
    string Code,
    string Severity,
    string Scope,
    string Subject,
    string? Namespace,
    ImmutableArray<string> Pods,
    string Title,
    ImmutableArray<string> Evidence,
    string Fix,
    DnsPatchDto? Patch,
    double Impact)
{
    /// <summary>
    /// The wire form of a DNS finding: the first fix without a patch is the advice (<see cref="Fix"/>), the first with one is
    /// the <see cref="Patch"/> (its first trade-off the summary); scope and namespace follow from the subject ("cluster",
    /// "Pod ns/name", "Deployment ns/name", "Namespace ns: pods ...").
    /// </summary>
    public static DnsFindingDto From(Finding f)
    {
        var (scope, ns) = ScopeOf(f.Subject);
        var patch = f.Fixes.FirstOrDefault(x => x.Patch is not null);
        return new DnsFindingDto(
            f.Id,
            f.Code,
            SeverityText.Of(f.Severity),
            scope,
            f.Subject,
            ns,
            f.Affected,
            f.Message,
            f.Evidence,
            f.Fixes.FirstOrDefault(x => x.Patch is null)?.Title ?? "",
            patch is null ? null : new DnsPatchDto(patch.Target ?? "", patch.Patch!, patch.Command, patch.TradeOffs.IsDefaultOrEmpty ? "" : patch.TradeOffs[0], patch.StopsWorking),
            f.Impact);
    }

    /// <summary>pod, workload or cluster, and the namespace, from a DNS finding's subject.</summary>
    internal static (string Scope, string? Namespace) ScopeOf(string subject)
    {
        if (subject == "cluster")
        {
            return ("cluster", null);
        }

        const string Namespace = "Namespace ";
        if (subject.StartsWith(Namespace, StringComparison.Ordinal))
        {
            var rest = subject[Namespace.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return ("workload", colon < 0 ? rest : rest[..colon]);
        }

        var space = subject.IndexOf(' ', StringComparison.Ordinal);
        var slash = subject.IndexOf('/', StringComparison.Ordinal);
        var kind = space < 0 ? subject : subject[..space];
        var ns = space >= 0 && slash > space ? subject[(space + 1)..slash] : null;
        return (kind == "Pod" ? "pod" : "workload", ns);
    }
}

/// <summary>A finding's patch on the wire: the target object, the YAML, the kubectl command (null for a bare pod), the trade-off, the names that stop resolving.</summary>
public sealed record DnsPatchDto(string Target, string Yaml, string? KubectlCommand, string TradeOff, ImmutableArray<string> StopsWorking);
