using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns.Measured;

/// <summary>
/// The simulator against the real libraries: recorded runs (glibc-2.36.json, musl-1.2.3.json) and, live, the libraries
/// installed on this machine. Set CLUSTERNET_DNS_RECORD=1 to rewrite the recordings from a live run (see README.md).
/// </summary>
public sealed class MeasuredResolverTests
{
    public static TheoryData<string> CaseIds() => [.. MeasuredData.Cases.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Simulator_RecordedGlibc_ReproducesQueriesResultAndTime(string id) => AssertRecorded("glibc-2.36.json", id);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Simulator_RecordedMusl_ReproducesQueriesResultAndTime(string id) => AssertRecorded("musl-1.2.3.json", id);

    [Fact]
    public async Task LiveGlibc_EveryScenario_MatchesSimulator() => await AssertLive("glibc");

    [Fact]
    public async Task LiveMusl_EveryScenario_MatchesSimulator() => await AssertLive("musl");

    private static void AssertRecorded(string file, string id)
    {
        var (libc, version, runs) = MeasuredData.Recorded(file);
        Assert.True(runs.ContainsKey(id), $"{file} has no recording of '{id}': record it (README.md)");
        var c = MeasuredData.Case(id);
        var predicted = MeasuredComparison.Predict(c, LibcProfile.Parse(libc, version));
        var diffs = MeasuredComparison.Differences(runs[id], predicted, c.CompareFor(libc));
        Assert.True(diffs.Count == 0, $"{libc} {version} {id}: {string.Join("\n", diffs)}");
    }

    private static async Task AssertLive(string libc)
    {
        var version = ResolverProbe.InstalledVersion(libc);
        var profile = LibcProfile.Parse(libc, version);
        _ = ResolverProbe.ProbeDirectory;
        // A few at a time: on a busy 2-core machine a flood of probes delays the responder and skews the timings.
        using var gate = new SemaphoreSlim(4);
        var runs = await Task.WhenAll(MeasuredData.Cases.Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                return (Case: c, Run: await ResolverProbe.RunAsync(c, libc));
            }
            finally
            {
                gate.Release();
            }
        }));
        if (Environment.GetEnvironmentVariable("CLUSTERNET_DNS_RECORD") == "1")
        {
            MeasuredData.Write($"{libc}-{version}.json", libc, version, $"{libc} {version} (Debian), probe.c via {(libc == "glibc" ? "gcc" : "musl-gcc -static")}, unshare -m + bind mount",
                runs.ToDictionary(r => r.Case.Id, r => r.Run));
        }

        var failures = runs
            .Select(r => (r.Case.Id, Diffs: MeasuredComparison.Differences(r.Run, MeasuredComparison.Predict(r.Case, profile), r.Case.CompareFor(libc), slackSeconds: 0.6)))
            .Where(r => r.Diffs.Count > 0)
            .Select(r => $"{r.Id}: {string.Join("\n", r.Diffs)}")
            .ToList();
        Assert.True(failures.Count == 0, $"{libc} {version} live vs simulator:\n{string.Join("\n", failures)}");
    }
}
