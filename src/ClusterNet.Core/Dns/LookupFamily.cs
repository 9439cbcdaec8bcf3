namespace ClusterNet.Core.Dns;

/// <summary>getaddrinfo's ai_family: unspec asks for A and AAAA, inet for A only, inet6 for AAAA only.</summary>
public enum LookupFamily
{
    Unspec,
    Inet,
    Inet6,
}
