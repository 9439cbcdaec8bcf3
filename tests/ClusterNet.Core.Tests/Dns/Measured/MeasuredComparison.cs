using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>
/// Compares what a library did with what the simulator predicts. "exact" compares the whole ordered sequence;
/// "per-server" the order seen by each server (musl sends to all servers at once, so their interleaving is a race);
/// "distinct" only which (name, type, server) were asked (races decide how many SERVFAIL retries go out).
/// </summary>
public static class MeasuredComparison
{
    public static IReadOnlyList<string> Differences(MeasuredRun measured, ExpansionResult predicted, string mode, double slackSeconds = 0.4)
    {
        var diffs = new List<string>();
        var predictedQueries = predicted.Queries.Select(q => new MeasuredQuery(q.Qname, q.Qtype, q.Server, q.Transport)).ToList();
        var measuredQueries = measured.Queries.ToList();
        switch (mode)
        {
            case "exact":
                if (!predictedQueries.SequenceEqual(measuredQueries))
                {
                    diffs.Add($"queries differ:\n  measured:  {string.Join(" | ", measuredQueries)}\n  predicted: {string.Join(" | ", predictedQueries)}");
                }

                break;
            case "per-server":
                foreach (var server in measuredQueries.Concat(predictedQueries).Select(q => q.Server).Distinct())
                {
                    var m = measuredQueries.Where(q => q.Server == server).ToList();
                    var p = predictedQueries.Where(q => q.Server == server).ToList();
                    if (!m.SequenceEqual(p))
                    {
                        diffs.Add($"queries to {server} differ:\n  measured:  {string.Join(" | ", m)}\n  predicted: {string.Join(" | ", p)}");
                    }
                }

                break;
            default:
                var ms = measuredQueries.Distinct().OrderBy(q => q.ToString(), StringComparer.Ordinal).ToList();
                var ps = predictedQueries.Distinct().OrderBy(q => q.ToString(), StringComparer.Ordinal).ToList();
                if (!ms.SequenceEqual(ps))
                {
                    diffs.Add($"distinct queries differ:\n  measured:  {string.Join(" | ", ms)}\n  predicted: {string.Join(" | ", ps)}");
                }

                break;
        }

        var predictedError = predicted.Result.Ok ? "OK" : predicted.Result.Error;
        if (measured.Error != predictedError)
        {
            diffs.Add($"result: measured {measured.Error}, predicted {predictedError}");
        }

        // getaddrinfo sorts addresses (RFC 6724) by the host's routes, so compare them as a set.
        var ma = measured.Addresses.Order(StringComparer.Ordinal).ToList();
        var pa = predicted.Result.Addresses.Order(StringComparer.Ordinal).ToList();
        if (!ma.SequenceEqual(pa))
        {
            diffs.Add($"addresses: measured [{string.Join(", ", ma)}], predicted [{string.Join(", ", pa)}]");
        }

        // Time spent inside getaddrinfo (the probe measures it); timeouts are whole seconds, so a fraction of one is slack.
        if (Math.Abs(measured.ElapsedSeconds - predicted.WorstCaseSeconds) > slackSeconds + 0.05 * predicted.WorstCaseSeconds)
        {
            diffs.Add($"time: measured {measured.ElapsedSeconds:0.00} s, predicted {predicted.WorstCaseSeconds:0.00} s");
        }

        return diffs;
    }

    public static ExpansionResult Predict(MeasuredCase c, LibcProfile libc) => ResolverSimulator.Expand(new ExpansionRequest
    {
        ResolvConf = ResolvConfParser.Parse(c.ResolvConf, c.Id),
        Libc = libc,
        Name = c.Name,
        Family = c.Family switch { "inet" => LookupFamily.Inet, "inet6" => LookupFamily.Inet6, _ => LookupFamily.Unspec },
        Answers = DnsAnswers.Parse(c.Answers.ToJsonString(), c.Id),
        Hosts = HostsFile.Parse(c.HostsText, "scenario"),
    });
}
