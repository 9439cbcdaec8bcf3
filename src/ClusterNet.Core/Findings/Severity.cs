namespace ClusterNet.Core.Findings;

/// <summary>
/// The one severity scale of every analyzer, ordered (compare with &lt; and &gt;). Five levels because the analyzers
/// had five vocabularies between them: client-IP "low" sits between info and warning (<see cref="Notice"/>), DNS
/// "critical" above error (a finding that breaks lookups cluster-wide).
/// </summary>
public enum Severity
{
    Info = 0,
    Notice = 1,
    Warning = 2,
    Error = 3,
    Critical = 4,
}
