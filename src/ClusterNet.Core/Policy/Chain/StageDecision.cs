namespace ClusterNet.Core.Policy.Chain;

/// <summary>What one stage of the policy chain says about one connection in one direction.</summary>
public enum StageDecision
{
    /// <summary>No policy of the stage decides: evaluation goes on with the next stage.</summary>
    NoMatch,
    /// <summary>Final: allowed in this direction (ClusterNetworkPolicy Accept, ANP Allow, Calico Allow).</summary>
    Allow,
    /// <summary>Final: denied in this direction.</summary>
    Deny,
    /// <summary>Skips the rest of the stage's tier: evaluation goes on with the first stage of the next tier.</summary>
    Pass,
}
