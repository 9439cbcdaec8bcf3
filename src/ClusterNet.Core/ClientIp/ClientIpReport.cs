using System.Collections.Immutable;
using ClusterNet.Core.Findings;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The client-IP analysis of one Service or one Ingress: the overall outcome and verdict sentence (from the
/// first route, the one outside clients use), every route, risks, fixes and the inputs used.
/// </summary>
public sealed record ClientIpReport
{
    public required ClientIpSubjectKind Kind { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required ClientIpOutcome Outcome { get; init; }
    public required string Verdict { get; init; }
    public ImmutableArray<ClientIpRoute> Routes { get; init; } = [];
    /// <summary>Risks as findings (area ClientIp), worst first, each with the fixes that resolve it.</summary>
    public ImmutableArray<Finding> Risks { get; init; } = [];
    public ImmutableArray<ClientIpFix> Fixes { get; init; } = [];
    public ImmutableArray<ClientIpEvidence> Inputs { get; init; } = [];
    public ImmutableArray<string> Notes { get; init; } = [];

    public string Key => $"{Namespace}/{Name}";

    /// <summary>"Service ns/name" or "Ingress ns/name": the findings' subject.</summary>
    public string Subject => ClientIpFindings.Subject(Kind, Namespace, Name);
}
