namespace ClusterNet.Core.Policy;

/// <summary>
/// A policy problem with the object it concerns and a fix. Code is stable (selects-no-pod, selector-matches-nothing,
/// named-port-undefined, ipblock-overlaps-pod-network, egress-blocks-dns, cni-enforces-no-policy, duplicate-rule, shadowed-rule).
/// </summary>
public sealed record LintFinding
{
    public required string Code { get; init; }
    /// <summary>error, warning or info.</summary>
    public required string Severity { get; init; }
    /// <summary>"NetworkPolicy dev/deny-all-egress".</summary>
    public required string Object { get; init; }
    /// <summary>Field path inside the object, e.g. spec.ingress[0].from[1].namespaceSelector.</summary>
    public string? Field { get; init; }
    public required string Message { get; init; }
    /// <summary>YAML to apply or a command to run.</summary>
    public required string Fix { get; init; }
}
