using System.Text.Json;
using ClusterNet.Cli.Parsing;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Queries;

namespace ClusterNet.Cli.Commands.Dns;

/// <summary>
/// `clusternet dns expand --resolv-conf FILE --libc glibc|musl [--libc-version V] --name NAME
/// [--family unspec|inet|inet6] [--answers FILE] [--hosts FILE] [--addrconfig on|off] [--pod-ipv6 enabled|disabled]
/// --format json|table`: every query getaddrinfo sends, in order.
/// </summary>
public sealed class DnsExpandCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<string> Path => ["dns", "expand"];

    public string Summary => "the exact DNS queries glibc or musl send for a name (search list, retries, result, worst-case wait)";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        CliFlag.Value("resolv-conf", "FILE", "the pod's /etc/resolv.conf (required)"),
        CliFlag.Choice("libc", "the C library of the image (required)", "glibc", "musl"),
        CliFlag.Value("libc-version", "V", "its version (default glibc 2.42, musl 1.2.5)"),
        CliFlag.Value("name", "NAME", "the name the app looks up (required)"),
        CliFlag.Choice("family", "getaddrinfo's address family (default unspec)", "unspec", "inet", "inet6"),
        CliFlag.Value("answers", "FILE", "what each nameserver answers (JSON; see README)"),
        CliFlag.Value("hosts", "FILE", "the pod's /etc/hosts (default kubelet's localhost lines)"),
        CliFlag.Choice("addrconfig", "AI_ADDRCONFIG (default off)", "on", "off"),
        CliFlag.Choice("pod-ipv6", "IPv6 in the pod's network namespace (default enabled)", "enabled", "disabled"),
        CliFlag.Choice("format", "output: JSON (default) or a table", "json", "table"),
    ];

    public Task<int> RunAsync(CliArgs args, CliContext context) => Task.FromResult(Run(args, context.Stdout));

    private static int Run(CliArgs args, TextWriter stdout)
    {
        var resolvPath = args.Require("resolv-conf");
        var lookup = DnsLookupQueryParser.Parse(QueryInput.Flags([
            new("libc", args.Get("libc") ?? ""), new("libc-version", args.Get("libc-version")), new("family", args.Get("family"))]));
        ThrowIfBad(lookup, "--libc");
        var name = args.Require("name");
        ThrowIfBad(lookup, "--family");
        var family = lookup.Query?.Family ?? LookupFamily.Unspec;
        var answersPath = args.Get("answers");
        var hostsPath = args.Get("hosts");
        var addrConfig = args.Choice("addrconfig", "off", "on", "off") == "on";
        var podIpv6 = args.Choice("pod-ipv6", "enabled", "enabled", "disabled") == "enabled";
        var format = args.Choice("format", "json", "json", "table");
        ThrowIfBad(lookup, "--libc-version");
        var libc = lookup.Query!.Libc!;

        ResolvConf conf;
        DnsAnswers? answers = null;
        try
        {
            conf = ResolvConfParser.Parse(ReadFile(resolvPath, "--resolv-conf"), resolvPath);
            if (answersPath is not null)
            {
                answers = DnsAnswers.Parse(ReadFile(answersPath, "--answers"), answersPath);
            }
        }
        catch (ResolvConfFormatException ex)
        {
            throw new CliUsageException($"--resolv-conf: {ex.Message}");
        }
        catch (DnsAnswersFormatException ex)
        {
            throw new CliUsageException($"--answers: {ex.Message}");
        }

        // Without --hosts the pod's file is unknown; every pod has kubelet's localhost lines.
        var hosts = hostsPath is null ? null : HostsFile.Parse(ReadFile(hostsPath, "--hosts"), $"--hosts {hostsPath}");
        var result = ResolverSimulator.Expand(new ExpansionRequest
        {
            ResolvConf = conf,
            Libc = libc,
            Name = name,
            Family = family,
            Answers = answers,
            Hosts = hosts,
            AddrConfig = addrConfig,
            PodIpv6 = podIpv6,
        });
        if (format == "table")
        {
            DnsExpandTableWriter.Write(result, stdout);
            return 0;
        }

        stdout.WriteLine(JsonSerializer.Serialize(ToDto(result), Json));
        return 0;
    }

    public static DnsExpandOutputDto ToDto(ExpansionResult r) => new(
        [.. r.Queries.Select(q => new DnsQueryDto(q.Qname, q.Qtype, q.Server, q.Transport))],
        new DnsResultDto(r.Result.Ok, r.Result.Error, r.Result.Addresses),
        r.WorstCaseSeconds);

    /// <summary>The flags' problems surface in the order the command has always checked them.</summary>
    private static void ThrowIfBad(QueryResult<DnsLookupQuery> lookup, string flag)
    {
        if (lookup.Errors.FirstOrDefault(e => e.Input == flag) is { } error)
        {
            throw new CliUsageException(error.Message);
        }
    }

    private static string ReadFile(string path, string flag)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{flag} {path}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message)}");
        }
    }
}
