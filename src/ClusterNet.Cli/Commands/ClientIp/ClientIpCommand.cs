using System.Text.Json;
using ClusterNet.Cli.Parsing;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Cli.Commands.ClientIp;

/// <summary>
/// `clusternet client-ip [--manifests PATH | --kubeconfig PATH --context NAME -n NS] [--service NS/NAME | --ingress NS/NAME]
/// [--format text|json]`: the client-IP path analysis of a Service or an Ingress; with neither, the table of every
/// exposed Service. Exit 0 with the analysis, 2 for bad flags, unreadable input or an object that is not in the cluster.
/// </summary>
public sealed class ClientIpCommand : ICliCommand
{
    private static readonly ClusterRead Read = new() { Required = [ResourceKind.Services, ResourceKind.Pods], Problems = ManifestProblems.PrintAll };

    public IReadOnlyList<string> Path => ["client-ip"];

    public string Summary => "What each Service/Ingress backend sees as the client address: hops, SNAT, headers, risks, fixes";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        .. ClusterFlags.All,
        CliFlag.Value(ClientIpPathQueryParser.Service, "NS/NAME", "analyse the path to this Service"),
        CliFlag.Value(ClientIpPathQueryParser.Ingress, "NS/NAME", "analyse the path through this Ingress"),
        CliFlag.Value("gateway", "NS/NAME", "analyse the path through this Gateway (Gateway API)"),
        CliFlag.Switch("migration", "preview what changes for the client address when moving to another controller"),
        CliFlag.Choice(ClientIpPathQueryParser.Format, "output: text (default) or JSON", "text", "json"),
    ];

    public async Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var stdout = context.Stdout;
        foreach (var pending in new[] { "gateway", "migration" }.Where(args.Has))
        {
            // Declared so scripts and completion know them; their analyses land with the Gateway and migration work.
            throw new CliUsageException($"--{pending} is not available in this build");
        }

        var parsed = ClientIpPathQueryParser.Parse(QueryInput.Flags(
        [
            new(ClientIpPathQueryParser.Service, args.Get("service")),
            new(ClientIpPathQueryParser.Ingress, args.Get("ingress")),
            new(ClientIpPathQueryParser.Format, args.Get("format")),
        ]));
        // A malformed --service/--ingress is reported after the cluster is read, as it always was.
        if (parsed.Errors.FirstOrDefault(e => !ClientIpPathQueryParser.IsNameError(e)) is { } early)
        {
            throw new CliUsageException(early.Message);
        }

        var cluster = await ClusterInput.LoadAsync(args, context, Read).ConfigureAwait(false);
        if (!parsed.Ok)
        {
            throw new CliUsageException(parsed.Errors[0].Message);
        }

        var manifests = cluster.Name;
        var query = parsed.Query!;
        var json = query.Format == ClientIpFormat.Json;
        var snapshot = cluster.Snapshot;
        if (query.Target == ClientIpTarget.Overview)
        {
            var rows = ClientIpAnalyzer.Overview(snapshot);
            if (json)
            {
                stdout.WriteLine(JsonSerializer.Serialize(rows, ClientIpDecodeCommand.Json));
            }
            else
            {
                ClientIpTextWriter.WriteOverview(stdout, rows);
            }

            return 0;
        }

        var report = ClientIpAnalyzer.For(snapshot, query) ?? throw new CliUsageException(query.Target == ClientIpTarget.Service
            ? $"--service {args.Get("service")}: no Service {query.Key} in {manifests}{Known(snapshot.Services.Select(s => s.Key))}"
            : $"--ingress {args.Get("ingress")}: no Ingress {query.Key} in {manifests}{Known(snapshot.Ingresses.Select(i => i.Key))}");
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(ClientIpReportDto.From(report), ClientIpDecodeCommand.Json));
        }
        else
        {
            ClientIpTextWriter.WriteReport(stdout, report);
        }

        return 0;
    }

    private static string Known(IEnumerable<ObjectKey> keys)
    {
        var list = keys.Take(10).Select(k => k.ToString()).ToList();
        return list.Count == 0 ? " (there are none)" : $" (there: {string.Join(", ", list)})";
    }
}
