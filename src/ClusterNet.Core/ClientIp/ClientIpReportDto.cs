using System.Collections.Immutable;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The one JSON shape of a client-IP report, for GET /api/client-ip/services|ingresses/{ns}/{name} and
/// `clusternet client-ip --format json`: kind, namespace, name, outcome, verdict, routes, risks
/// [{id, severity (high|medium|low|info), title, detail, evidence}], fixes, inputs, notes, key.
/// </summary>
public sealed record ClientIpReportDto(
    string Kind,
    string Namespace,
    string Name,
    ClientIpOutcome Outcome,
    string Verdict,
    ImmutableArray<ClientIpRoute> Routes,
    ImmutableArray<ClientIpRiskDto> Risks,
    ImmutableArray<ClientIpFix> Fixes,
    ImmutableArray<ClientIpEvidence> Inputs,
    ImmutableArray<string> Notes,
    string Key)
{
    public static ClientIpReportDto From(ClientIpReport r) => new(
        r.Kind.ToString(),
        r.Namespace,
        r.Name,
        r.Outcome,
        r.Verdict,
        r.Routes,
        [.. r.Risks.Select(ClientIpRiskDto.From)],
        r.Fixes,
        r.Inputs,
        r.Notes,
        r.Key);
}

/// <summary>A risk on the wire: the finding's code, message and detail under their historical names.</summary>
public sealed record ClientIpRiskDto(string Id, string Severity, string Title, string Detail, ImmutableArray<string> Evidence)
{
    public static ClientIpRiskDto From(Finding f) => new(f.Code, ClientIpFindings.Word(f.Severity), f.Message, f.Detail ?? "", f.Evidence);
}
