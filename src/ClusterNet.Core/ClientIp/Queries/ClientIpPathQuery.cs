namespace ClusterNet.Core.ClientIp.Queries;

/// <summary>Which client-IP path to analyse: a Service, an Ingress, or none (the table of every exposed Service).</summary>
public enum ClientIpTarget
{
    Overview,
    Service,
    Ingress,
    Gateway,
}

/// <summary>How the CLI writes the answer.</summary>
public enum ClientIpFormat
{
    Text,
    Json,
}

/// <summary>
/// The client-IP question, as the page URL (?service=NS/NAME | ?ingress=NS/NAME | ?gateway=NS/NAME, &amp;route=ID), REST
/// (/api/client-ip, /api/client-ip/services/{ns}/{name}, /api/client-ip/ingresses/{ns}/{name}, /api/client-ip/gateways/{ns}/{name}) and the CLI
/// (`clusternet client-ip [--service NS/NAME | --ingress NS/NAME | --gateway NS/NAME] [--format text|json]`) ask it. Parsed by
/// <see cref="ClientIpPathQueryParser"/> only.
/// </summary>
public sealed record ClientIpPathQuery
{
    public static ClientIpPathQuery Overview { get; } = new();

    public ClientIpTarget Target { get; init; } = ClientIpTarget.Overview;
    public string Namespace { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The route to show first (page only): lb, nodeport, external-ip, in-cluster, path:HOST/PATH...; null = the first.</summary>
    public string? Route { get; init; }
    public ClientIpFormat Format { get; init; } = ClientIpFormat.Text;

    public string Key => $"{Namespace}/{Name}";

    public ClientIpSubjectKind? SubjectKind => Target switch
    {
        ClientIpTarget.Service => ClientIpSubjectKind.Service,
        ClientIpTarget.Ingress => ClientIpSubjectKind.Ingress,
        ClientIpTarget.Gateway => ClientIpSubjectKind.Gateway,
        _ => null,
    };

    public static ClientIpPathQuery ForService(string @namespace, string name) => new() { Target = ClientIpTarget.Service, Namespace = @namespace, Name = name };

    public static ClientIpPathQuery ForIngress(string @namespace, string name) => new() { Target = ClientIpTarget.Ingress, Namespace = @namespace, Name = name };

    public static ClientIpPathQuery ForGateway(string @namespace, string name) => new() { Target = ClientIpTarget.Gateway, Namespace = @namespace, Name = name };
}
