namespace ClusterNet.Core.Dns;

/// <summary>
/// What a nameserver does with one query. Answer and NoData are NOERROR; NotImp and FormErr are the rcodes of a server
/// that does not implement the query or cannot parse it; Drop means no reply ever comes.
/// </summary>
public enum DnsReplyKind
{
    Answer,
    NoData,
    NxDomain,
    ServFail,
    Refused,
    Drop,
    NotImp,
    FormErr,
}
