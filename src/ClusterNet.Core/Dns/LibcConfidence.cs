namespace ClusterNet.Core.Dns;

public enum LibcConfidence
{
    Low,
    Medium,
    High,
}
