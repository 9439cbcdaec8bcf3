namespace ClusterNet.Core.ClientIp;

/// <summary>What a client-IP report is about.</summary>
public enum ClientIpSubjectKind
{
    Service,
    Ingress,
    Gateway,
}
