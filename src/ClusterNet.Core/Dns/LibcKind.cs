namespace ClusterNet.Core.Dns;

public enum LibcKind
{
    Glibc,
    Musl,
}
