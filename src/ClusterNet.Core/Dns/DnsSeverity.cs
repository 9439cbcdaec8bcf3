namespace ClusterNet.Core.Dns;

public enum DnsSeverity
{
    Info,
    Warning,
    Critical,
}
