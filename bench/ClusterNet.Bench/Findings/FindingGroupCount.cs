using System.Diagnostics;
using System.Globalization;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Policy;

namespace ClusterNet.Bench.Findings;

/// <summary>
/// Issue #15's grouping promise measured: on <see cref="FindingsBenchCluster"/> (10,000 pods, 200 namespaces, 2,000
/// policies), how many DNS findings, lint findings and client-IP risks the analyzers raise and how many items
/// <see cref="FindingGrouper"/> folds them into (what the DNS page, the Policies lint list and a list of client-IP risks
/// across the exposed Services show). <c>dotnet run -c Release --project bench/ClusterNet.Bench -- finding-groups</c>
/// </summary>
public static class FindingGroupCount
{
    public static void Run(TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = FindingsBenchCluster.Build();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cluster: {snapshot.Pods.Count:N0} pods, {snapshot.Namespaces.Count} namespaces, {snapshot.NetworkPolicies.Count:N0} policies, {snapshot.Services.Count:N0} Services (built in {watch.ElapsedMilliseconds} ms)"));

        Report(output, "DNS findings", () => DnsFindingsAnalyzer.Analyze(snapshot).Findings);
        Report(output, "lint findings", () => PolicyLinter.Lint(PolicyEngine.Build(snapshot)));
        Report(output, "client-IP risks (every exposed Service)", () =>
        [
            .. ClientIpAnalyzer.Overview(snapshot)
                .Select(r => (r.Namespace, r.Name)).Distinct()
                .SelectMany(k => ClientIpAnalyzer.ForService(snapshot, k.Namespace, k.Name)?.Risks ?? []),
        ]);
    }

    private static void Report(TextWriter output, string what, Func<IReadOnlyList<Finding>> analyze)
    {
        var watch = Stopwatch.StartNew();
        var findings = analyze();
        var analyzed = watch.ElapsedMilliseconds;
        watch.Restart();
        var groups = FindingGrouper.Group(findings);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {findings.Count:N0} raw → {groups.Length:N0} grouped (analysis {analyzed} ms, grouping {watch.ElapsedMilliseconds} ms)"));
        output.WriteLine("  groups per code: " + string.Join(", ", groups.GroupBy(g => g.Summary.Code).OrderByDescending(c => c.Count()).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Count()}"))));
        foreach (var g in groups.OrderByDescending(g => g.Members.Length).Take(8))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Members.Length,6:N0} × {g.Summary.Code} ({g.Summary.Severity}): {Short(g.Summary.Message)}"));
        }
    }

    private static string Short(string text) => text.Length <= 150 ? text : text[..149] + "…";
}
