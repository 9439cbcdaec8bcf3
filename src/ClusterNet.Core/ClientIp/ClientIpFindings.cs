using System.Collections.Immutable;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Client-IP risks as <see cref="Finding"/>s (area ClientIp, code = the risk id) with the fixes that resolve them, and
/// the words the REST/CLI contract has always used for their severity (high, medium, low, info).
/// </summary>
public static class ClientIpFindings
{
    /// <summary>The contract's severity word: Error → high, Warning → medium, Notice → low, Info → info.</summary>
    public static string Word(Severity severity) => severity switch
    {
        Severity.Critical or Severity.Error => "high",
        Severity.Warning => "medium",
        Severity.Notice => "low",
        _ => "info",
    };

    /// <summary>A fix in the one finding shape (the id stays on <see cref="ClientIpFix"/> for the JSON contract).</summary>
    public static FindingFix ToFindingFix(ClientIpFix fix) => new()
    {
        Title = fix.Title,
        Target = fix.Target,
        Language = fix.Language,
        Patch = fix.Patch,
        Command = fix.Command,
        TradeOffs = fix.TradeOffs,
        Resolves = fix.Resolves,
    };

    /// <summary>Fixes that resolve no finding (app-side configuration): shown on their own.</summary>
    public static ImmutableArray<ClientIpFix> Unattached(ClientIpReport report) =>
        [.. report.Fixes.Where(f => !f.Resolves.Any(code => report.Risks.Any(r => r.Code == code)))];

    internal static Finding From(ClientIpRisk risk, string subject) => new()
    {
        Area = FindingArea.ClientIp,
        Code = risk.Id,
        Severity = risk.Severity,
        Subject = subject,
        Message = risk.Title,
        Detail = risk.Detail,
        Evidence = risk.Evidence,
    };

    /// <summary>
    /// The report's findings: worst first, keeping the analyzers' order within a severity (the order REST and the CLI
    /// list them in), one per code, each carrying the fixes that resolve it.
    /// </summary>
    internal static ImmutableArray<Finding> Complete(IEnumerable<Finding> findings, IReadOnlyList<ClientIpFix> fixes) =>
    [
        .. findings.DistinctBy(f => f.Code)
            .OrderByDescending(f => f.Severity)
            .Select(f => f with { Fixes = [.. fixes.Where(x => x.Resolves.Contains(f.Code)).Select(ToFindingFix)] }),
    ];

    internal static string Subject(ClientIpSubjectKind kind, string @namespace, string name) => $"{kind} {@namespace}/{name}";
}
