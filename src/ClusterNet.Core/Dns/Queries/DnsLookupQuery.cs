using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns.Queries;

/// <summary>
/// One DNS question as every front end asks it: whose resolver (a pod, or a pasted resolv.conf), which name, the address
/// family, the C library when the pod's guess is to be overridden, the answers to assume (a scenario or an answers table)
/// and, for a live lookup, the server to ask. The page URL, <c>/api/dns/*</c>, the live lookup and the <c>clusternet dns</c>
/// commands all parse into it through <see cref="DnsLookupQueryParser"/>.
/// </summary>
public sealed record DnsLookupQuery
{
    public const int DefaultPort = 53;

    /// <summary>The pod whose resolv.conf and C library are used; null with a pasted resolv.conf.</summary>
    public ObjectKey? Pod { get; init; }

    /// <summary>A pasted resolv.conf's text; used when <see cref="Pod"/> is null.</summary>
    public string? ResolvConf { get; init; }

    /// <summary>The name to look up, trimmed; null when none was given (the page then shows no ladder).</summary>
    public string? Name { get; init; }

    public LookupFamily Family { get; init; } = LookupFamily.Unspec;

    /// <summary>The C library (and version) to use instead of the pod's guess; null: the pod's guess (glibc without a pod).</summary>
    public LibcProfile? Libc { get; init; }

    /// <summary>The answers the servers give, for the page's "if" choice.</summary>
    public DnsScenario Scenario { get; init; } = DnsScenario.Exists;

    /// <summary>An explicit answers table (REST body, CLI --answers); overrides <see cref="Scenario"/>.</summary>
    public DnsAnswers? Answers { get; init; }

    /// <summary>Live lookup: the server to ask (an IP address); null: the resolv.conf's first nameserver.</summary>
    public string? Server { get; init; }

    public int Port { get; init; } = DefaultPort;
}
