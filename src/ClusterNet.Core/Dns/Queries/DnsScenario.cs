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
    /// <summary>
    /// Two nameservers: the first does not answer (down, or its node cache restarting), the second answers as the cluster
    /// does, slowly (<see cref="DnsScenarioAnswers.SlowServerDelayMs"/>). glibc waits its timeout on the first before every
    /// query; musl asks both at once and takes the first reply.
    /// </summary>
    SlowSecondNameserver,
    /// <summary>As <see cref="Exists"/>, but every UDP reply for an existing name is truncated (TC bit, no records); TCP answers in full.</summary>
    Truncated,
    /// <summary>
    /// As <see cref="Exists"/>, but a query that leaves a socket while another from it is in flight is dropped: the
    /// conntrack insert race that costs the "5 second DNS delay".
    /// </summary>
    ConntrackRace,
}
