namespace ClusterNet.Core.Policy;

internal enum SelectorOperator
{
    Invalid,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}
