namespace ClusterNet.Core.Model;

/// <summary>A cluster policy rule's action. v1alpha1's "Allow" is read as <see cref="Accept"/> (the rule keeps the written word).</summary>
public enum ClusterPolicyAction
{
    Accept,
    Deny,
    Pass,
}
