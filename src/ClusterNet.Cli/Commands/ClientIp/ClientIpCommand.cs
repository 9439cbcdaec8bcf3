using System.Text.Json;
using ClusterNet.Cli.Parsing;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Cli.Commands.ClientIp;

/// <summary>
/// `clusternet client-ip [--manifests PATH | --kubeconfig PATH --context NAME -n NS] [--service NS/NAME | --ingress NS/NAME
/// [--migration] | --gateway NS/NAME] [--format text|json]`: the client-IP path analysis of a Service, an Ingress or a
/// Gateway; with none, the table of every exposed Service. --migration (with --ingress, an ingress-nginx Ingress): today's
/// answer beside each Gateway API implementation's defaults. Exit 0 with the analysis, 2 for bad flags, unreadable input
/// or an object that is not in the cluster.
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
        var migration = args.Get("migration");
        if (migration is not null && migration != "true")
        {
            throw new CliUsageException($"--migration takes no value (got '{migration}')");
        }

        var parsed = ClientIpPathQueryParser.Parse(QueryInput.Flags(
        [
            new(ClientIpPathQueryParser.Service, args.Get("service")),
            new(ClientIpPathQueryParser.Ingress, args.Get("ingress")),
            new(ClientIpPathQueryParser.Gateway, args.Get("gateway")),
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

        if (migration is not null)
        {
            if (query.Target != ClientIpTarget.Ingress)
            {
                throw new CliUsageException("--migration needs --ingress NS/NAME (an ingress-nginx Ingress)");
            }

            var (preview, error) = ClusterNet.Core.ClientIp.Migration.IngressMigrationPreviewBuilder.Build(snapshot, query.Namespace, query.Name);
            if (preview is null)
            {
                throw new CliUsageException($"--ingress {args.Get("ingress")} --migration: {error}");
            }

            if (json)
            {
                stdout.WriteLine(JsonSerializer.Serialize(preview, ClientIpDecodeCommand.Json));
            }
            else
            {
                ClientIpMigrationTextWriter.Write(stdout, preview);
            }

            return 0;
        }

        var report = ClientIpAnalyzer.For(snapshot, query) ?? throw new CliUsageException(query.Target switch
        {
            ClientIpTarget.Service => $"--service {args.Get("service")}: no Service {query.Key} in {manifests}{Known(snapshot.Services.Select(s => s.Key))}",
            ClientIpTarget.Gateway => $"--gateway {args.Get("gateway")}: no Gateway {query.Key} in {manifests}{Known(snapshot.Gateways.Select(g => g.Key))}",
            _ => $"--ingress {args.Get("ingress")}: no Ingress {query.Key} in {manifests}{Known(snapshot.Ingresses.Select(i => i.Key))}",
        });
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
