using System.Text.Json.Nodes;

namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>
/// One scenario of scenarios.json: a resolv.conf, an answers table, the pod's /etc/hosts (kubelet's localhost lines
/// when the scenario has none) and a name to look up.
/// </summary>
public sealed record MeasuredCase(string Id, string About, string ResolvConf, JsonNode Answers, string Name, string Family, IReadOnlyDictionary<string, string> Compare)
{
    public string? Hosts { get; init; }

    public string HostsText => Hosts ?? ClusterNet.Core.Dns.HostsFile.KubeletDefault.Text;

    /// <summary>Compare mode for a library ("glibc", or "musl" for every musl version).</summary>
    public string CompareFor(string libc) => Compare.TryGetValue(libc.StartsWith("musl", StringComparison.Ordinal) ? "musl" : libc, out var mode) ? mode : "exact";
}
