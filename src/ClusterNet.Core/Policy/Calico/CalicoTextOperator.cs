namespace ClusterNet.Core.Policy.Calico;

/// <summary>The string operators of Calico's selector language.</summary>
public enum CalicoTextOperator
{
    Contains,
    StartsWith,
    EndsWith,
}
