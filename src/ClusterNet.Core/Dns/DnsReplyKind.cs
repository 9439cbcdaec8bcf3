namespace ClusterNet.Core.Dns;

/// <summary>What a nameserver does with one query. Answer and NoData are NOERROR; Drop means no reply ever comes.</summary>
public enum DnsReplyKind
{
    Answer,
    NoData,
    NxDomain,
    ServFail,
    Refused,
    Drop,
}
