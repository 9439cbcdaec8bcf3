namespace ClusterNet.Core.Policy;

internal enum PortMatchKind
{
    None,
    All,
    Some,
}
