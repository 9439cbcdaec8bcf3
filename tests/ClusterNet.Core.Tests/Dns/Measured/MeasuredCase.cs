using System.Text.Json.Nodes;

namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>One scenario of scenarios.json: a resolv.conf, an answers table and a name to look up.</summary>
public sealed record MeasuredCase(string Id, string About, string ResolvConf, JsonNode Answers, string Name, string Family, IReadOnlyDictionary<string, string> Compare)
{
    public string CompareFor(string libc) => Compare.TryGetValue(libc, out var mode) ? mode : "exact";
}
