using System.Collections.Immutable;

namespace ClusterNet.Core.Findings;

/// <summary>
/// One way to fix a finding: a patch for one object (<see cref="Language"/> yaml, or csharp/nginx/shell for app-side
/// config), the command that applies it when there is one, and what it costs. A finding may offer several.
/// </summary>
public sealed record FindingFix
{
    public required string Title { get; init; }
    /// <summary>The object the patch applies to ("Deployment shop/php", "Service default/web"); null for advice.</summary>
    public string? Target { get; init; }
    public string Language { get; init; } = "yaml";
    public string? Patch { get; init; }
    public string? Command { get; init; }
    public ImmutableArray<string> TradeOffs { get; init; } = [];
    /// <summary>Codes of the findings this fix resolves (for fixes shared by several findings).</summary>
    public ImmutableArray<string> Resolves { get; init; } = [];
    /// <summary>What works today and would not after this fix (e.g. names that stop resolving); empty when nothing breaks.</summary>
    public ImmutableArray<string> StopsWorking { get; init; } = [];
}
