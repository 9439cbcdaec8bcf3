namespace ClusterNet.Web.Metrics;

/// <summary>The fixed <c>analyzer</c> tag values of <c>clusternet_analyzer_duration_seconds</c> (never user input).</summary>
public static class AnalyzerNames
{
    public const string PolicyEngine = "policy.engine";
    public const string PolicyReach = "policy.reach";
    public const string PolicyWhatIf = "policy.what-if";
    public const string TopologyGraph = "topology.graph";
    public const string TopologyRoutes = "topology.routes";
    public const string PacketWalk = "topology.packet-walk";
    public const string DnsFindings = "dns.findings";
    public const string DnsResolvConf = "dns.resolv-conf";
    public const string DnsExpand = "dns.expand";
    public const string ClientIpOverview = "client-ip.overview";
    public const string ClientIpPath = "client-ip.path";
    public const string ClientIpDecode = "client-ip.decode";
    public const string ClientIpMigration = "client-ip.migration";
}
