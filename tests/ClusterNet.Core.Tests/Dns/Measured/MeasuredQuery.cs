namespace ClusterNet.Core.Tests.Dns.Measured;

public sealed record MeasuredQuery(string Qname, string Qtype, string Server, string Transport)
{
    public override string ToString() => $"{Qtype} {Qname} @{Server}/{Transport}";
}
