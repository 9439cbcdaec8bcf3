using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.ClientIp.Queries;

/// <summary>
/// The one parser of <see cref="ClientIpPathQuery"/>: inputs "service", "ingress" and "gateway" (NAMESPACE/NAME, at most one),
/// "route" and "format" (text|json). Errors come in the order the CLI has always reported them: format, both given,
/// then the malformed name — each naming the input as its caller wrote it (--service on the CLI, service in a URL).
/// </summary>
public static class ClientIpPathQueryParser
{
    public const string Service = "service";
    public const string Ingress = "ingress";
    public const string Gateway = "gateway";
    public const string Route = "route";
    public const string Format = "format";

    public static QueryResult<ClientIpPathQuery> Parse(QueryInput input)
    {
        var errors = new List<QueryError>();
        var format = ClientIpFormat.Text;
        if (input.Get(Format) is { } formatText)
        {
            switch (formatText)
            {
                case "text":
                    break;
                case "json":
                    format = ClientIpFormat.Json;
                    break;
                default:
                    errors.Add(input.Error(Format, $"{input.Display(Format)} must be one of text|json, got '{formatText}'"));
                    break;
            }
        }

        // An empty value is a value (the CLI's --service "" is malformed); front ends that drop empty URL parameters drop them before.
        var subjects = new[] { (Name: Service, Target: ClientIpTarget.Service), (Name: Ingress, Target: ClientIpTarget.Ingress), (Name: Gateway, Target: ClientIpTarget.Gateway) }
            .Select(x => (x.Name, x.Target, Text: input.Get(x.Name)))
            .Where(x => x.Text is not null)
            .ToList();
        var route = Blank(input.Get(Route));
        if (subjects.Count > 1)
        {
            errors.Add(input.Error(subjects[0].Name, $"give {input.Display(subjects[0].Name)} or {input.Display(subjects[1].Name)}, not both"));
            return QueryResult<ClientIpPathQuery>.Failure(errors);
        }

        var query = new ClientIpPathQuery { Format = format, Route = route };
        if (subjects.Count == 1)
        {
            var (name, target, text) = subjects[0];
            var key = ObjectKey.Parse(text!);
            if (key.Namespace.Length == 0 || key.Name.Length == 0 || key.Name.Contains('/', StringComparison.Ordinal))
            {
                errors.Add(input.Error(name, $"{input.Display(name)} '{text}'{NameExpected}"));
            }
            else
            {
                query = query with { Target = target, Namespace = key.Namespace, Name = key.Name };
            }
        }

        return errors.Count > 0 ? QueryResult<ClientIpPathQuery>.Failure(errors) : QueryResult<ClientIpPathQuery>.Success(query);
    }

    /// <summary>The REST routes' form: /api/client-ip/services/{ns}/{name} asks what ?service=ns/name asks.</summary>
    public static QueryResult<ClientIpPathQuery> Parse(ClientIpTarget target, string @namespace, string name) => Parse(QueryInput.Parameters(target switch
    {
        ClientIpTarget.Service => [new(Service, $"{@namespace}/{name}")],
        ClientIpTarget.Ingress => [new(Ingress, $"{@namespace}/{name}")],
        ClientIpTarget.Gateway => [new(Gateway, $"{@namespace}/{name}")],
        _ => [],
    }));

    /// <summary>A malformed NAMESPACE/NAME (the CLI reports it after reading the manifests, the order it always had).</summary>
    public static bool IsNameError(QueryError error) => error.Message.EndsWith(NameExpected, StringComparison.Ordinal);

    private const string NameExpected = ": expected NAMESPACE/NAME";

    private static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
