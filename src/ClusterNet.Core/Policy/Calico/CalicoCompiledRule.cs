using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>One rule ready to test against a connection: action, protocol filter, source and destination.</summary>
internal sealed class CalicoCompiledRule
{
    public required CalicoRuleAction Action { get; init; }
    /// <summary>The index as the user wrote it (for a Kubernetes NetworkPolicy: its rule index, shared by the rule's peers).</summary>
    public required int Index { get; init; }
    /// <summary>Null: any protocol. Names upper-case (TCP, UDP, SCTP, ICMP...) or a number as written.</summary>
    public string? Protocol { get; init; }
    public string? NotProtocol { get; init; }
    public CalicoEntityMatcher Source { get; init; } = CalicoEntityMatcher.Any;
    public CalicoEntityMatcher Destination { get; init; } = CalicoEntityMatcher.Any;
    public ImmutableArray<string> Unmodelled { get; init; } = [];
    /// <summary>For a Kubernetes rule split per peer: "peer[1]".</summary>
    public string? Part { get; init; }

    /// <summary>Does the rule's protocol / notProtocol let the probe's protocol through?</summary>
    public bool ProtocolMatches(ReachProbe probe) =>
        (Protocol is null || SameProtocol(Protocol, probe.Protocol)) && (NotProtocol is null || !SameProtocol(NotProtocol, probe.Protocol));

    public string? Mismatch(CalicoEndpoint src, CalicoEndpoint dst, ReachProbe probe, List<string> caveats)
    {
        if (Protocol is not null && !SameProtocol(Protocol, probe.Protocol))
        {
            return $"protocol {Protocol} is not {probe.Protocol}";
        }

        if (NotProtocol is not null && SameProtocol(NotProtocol, probe.Protocol))
        {
            return $"notProtocol {NotProtocol} excludes {probe.Protocol}";
        }

        return Source.Mismatch(src, probe, portKnown: false, "source", caveats)
            ?? Destination.Mismatch(dst, probe, portKnown: true, "destination", caveats);
    }

    /// <summary>Calico accepts protocol names or their IANA numbers.</summary>
    private static bool SameProtocol(string written, string probe) =>
        string.Equals(written, probe, StringComparison.OrdinalIgnoreCase)
        || (written, probe.ToUpperInvariant()) is ("6", "TCP") or ("17", "UDP") or ("132", "SCTP");
}
