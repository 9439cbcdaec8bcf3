using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Cli.Commands.Dns;

/// <summary>
/// `clusternet dns resolv-conf [--manifests PATH | --kubeconfig PATH --context NAME] --pod NS/NAME [--cluster-domain D] [--node-search DOMAIN]...
/// [--node-nameserver IP]... [--cluster-dns IP]`: the /etc/resolv.conf kubelet writes into the pod. Notes go to stderr.
/// </summary>
public sealed class DnsResolvConfCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["dns", "resolv-conf"];

    public string Summary => "the effective /etc/resolv.conf of a pod (dnsPolicy, dnsConfig, hostNetwork, cluster DNS)";

    private static readonly ClusterRead Read = new() { Required = [ResourceKind.Pods] };

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        .. ClusterFlags.All,
        CliFlag.Value("pod", "NS/NAME", "the pod (required)"),
        CliFlag.Value("cluster-domain", "DOMAIN", "kubelet's clusterDomain (default cluster.local, assumed)"),
        CliFlag.Repeated("node-search", "DOMAIN", "a search domain of the node's /etc/resolv.conf"),
        CliFlag.Repeated("node-nameserver", "IP", "a nameserver of the node's /etc/resolv.conf (dnsPolicy Default, hostNetwork)"),
        CliFlag.Repeated("cluster-dns", "IP", "kubelet's clusterDNS (default: the kube-dns Service IP)"),
    ];

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var stdout = context.Stdout;
        var stderr = context.Stderr;
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

        var cluster = await ClusterInput.LoadAsync(args, context, Read).ConfigureAwait(false);
        var snapshot = cluster.Snapshot;
        var pod = snapshot.Pods.Get(key) ?? throw new CliUsageException($"--pod {podText}: no such pod in {cluster.Name}");
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
