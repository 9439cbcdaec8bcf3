using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The client-IP analysis of one Service or one Ingress: the overall outcome and verdict sentence (from the
/// first route, the one outside clients use), every route, risks, fixes and the inputs used.
/// </summary>
public sealed record ClientIpReport
{
    /// <summary>"Service" or "Ingress".</summary>
    public required string Kind { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required ClientIpOutcome Outcome { get; init; }
    public required string Verdict { get; init; }
    public ImmutableArray<ClientIpRoute> Routes { get; init; } = [];
    public ImmutableArray<ClientIpRisk> Risks { get; init; } = [];
    public ImmutableArray<ClientIpFix> Fixes { get; init; } = [];
    public ImmutableArray<ClientIpEvidence> Inputs { get; init; } = [];
    public ImmutableArray<string> Notes { get; init; } = [];

    public string Key => $"{Namespace}/{Name}";
}
