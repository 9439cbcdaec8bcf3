namespace ClusterNet.Core.Model;

/// <summary>A Calico rule's action: Allow and Deny decide, Pass jumps to the next tier, Log records and goes on.</summary>
public enum CalicoRuleAction
{
    Allow,
    Deny,
    Pass,
    Log,
}
