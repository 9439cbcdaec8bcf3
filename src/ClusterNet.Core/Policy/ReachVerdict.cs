namespace ClusterNet.Core.Policy;

/// <summary>The answer for one (source, destination, port, protocol).</summary>
public enum ReachVerdict
{
    Allowed,
    Denied,
    /// <summary>
    /// The NetworkPolicy API leaves it to the plugin: an ipBlock matched against a pod IP, or a hostNetwork pod at either end.
    /// <see cref="ReachExplanation.Allowed"/> still carries what the upstream conformance tests expect.
    /// </summary>
    DependsOnImplementation,
}
