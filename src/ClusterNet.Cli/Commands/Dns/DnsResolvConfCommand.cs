using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli.Commands.Dns;

/// <summary>
/// `clusternet dns resolv-conf --manifests PATH --pod NS/NAME [--cluster-domain D] [--node-search DOMAIN]...
/// [--node-nameserver IP]... [--cluster-dns IP]`: the /etc/resolv.conf kubelet writes into the pod. Notes go to stderr.
/// </summary>
public sealed class DnsResolvConfCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["dns", "resolv-conf"];

    public string Summary => "the effective /etc/resolv.conf of a pod (dnsPolicy, dnsConfig, hostNetwork, cluster DNS)";

    public int Run(CliArgs args, TextWriter stdout, TextWriter stderr)
    {
        var manifests = args.Require("manifests");
        var podText = args.Require("pod");
        var flags = QueryInput.Flags([
            new("pod", podText),
            new("cluster-domain", args.Get("cluster-domain")),
            .. Repeated(args, "node-search"), .. Repeated(args, "node-nameserver"), .. Repeated(args, "cluster-dns"),
        ]);
        var settings = DnsLookupQueryParser.Settings(flags);
        var parsed = DnsLookupQueryParser.Parse(flags);
        if (!parsed.Ok)
        {
            throw new CliUsageException(parsed.Errors[0].Message);
        }

        var key = parsed.Query!.Pod!.Value;

        if (!File.Exists(manifests) && !Directory.Exists(manifests))
        {
            throw new CliUsageException($"--manifests {manifests}: no such file or directory");
        }

        var loaded = ManifestLoader.LoadPath(manifests);
        foreach (var d in loaded.Diagnostics.Where(d => d.Severity != "error"))
        {
            stderr.WriteLine(d.ToString());
        }

        if (loaded.HasErrors)
        {
            throw new CliUsageException($"--manifests {manifests}: invalid input\n" + string.Join("\n", loaded.Diagnostics.Where(d => d.Severity == "error").Select(d => "  " + d)));
        }

        var snapshot = loaded.ToSnapshot(new SourceInfo("file", manifests));
        var pod = snapshot.Pods.Get(key) ?? throw new CliUsageException($"--pod {podText}: no such pod in {manifests}");
        var effective = EffectiveResolvConfBuilder.Build(pod, ClusterFacts.Of(snapshot).Dns, settings);
        stdout.Write(effective.Conf.Render());
        stderr.WriteLine($"# {effective.Explanation}");
        foreach (var n in effective.Notes)
        {
            stderr.WriteLine($"# note: {n}");
        }

        foreach (var e in effective.ApiErrors)
        {
            stderr.WriteLine($"# api: {e}");
        }

        return 0;
    }

    private static IEnumerable<KeyValuePair<string, string?>> Repeated(CliArgs args, string name) =>
        args.GetAll(name).Select(v => new KeyValuePair<string, string?>(name, v));
}
