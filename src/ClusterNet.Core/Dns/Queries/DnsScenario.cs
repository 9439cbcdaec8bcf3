namespace ClusterNet.Core.Dns.Queries;

/// <summary>
/// The answers a ladder assumes when no answers table is given (the DNS page's "if" choice, URL parameter <c>case</c>).
/// </summary>
public enum DnsScenario
{
    /// <summary>The cluster answers as the snapshot says (Services by their ClusterIP); any other name exists as typed.</summary>
    Exists,
    /// <summary>Nothing by that name exists: every server answers NXDOMAIN.</summary>
    NxDomain,
    /// <summary>As <see cref="Exists"/>, but every AAAA reply is lost (the conntrack race's typical victim).</summary>
    AaaaLost,
    /// <summary>No server answers at all.</summary>
    Lost,
}
