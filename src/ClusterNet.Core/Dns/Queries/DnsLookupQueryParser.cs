using System.Globalization;
using System.Net;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Dns.Queries;

/// <summary>
/// Parses a <see cref="DnsLookupQuery"/> from named inputs: the DNS page's URL (<c>pod</c>, <c>name</c>, <c>family</c>,
/// <c>libc</c>, <c>libc-version</c>, <c>case</c>, <c>server</c>, <c>port</c>), the <c>/api/dns/*</c> bodies and queries (the same
/// names, <c>resolvConf</c>, <c>answers</c>) and the <c>clusternet dns</c> flags. The messages are the ones each front end
/// has always printed: CLI flags get the CLI's wording (<c>--family must be one of unspec|inet|inet6, got 'x'</c>), URL and
/// REST inputs the API's (<c>family must be unspec, inet or inet6, got 'x'</c>). Errors come in input order: pod, name,
/// libc, libc-version, family, case, answers, server, port.
/// </summary>
public static class DnsLookupQueryParser
{
    public const string PodInput = "pod";
    public const string NameInput = "name";
    public const string ResolvConfInput = "resolvConf";
    public const string LibcInput = "libc";
    public const string LibcVersionInput = "libc-version";
    public const string FamilyInput = "family";
    public const string CaseInput = "case";
    public const string AnswersInput = "answers";
    public const string ServerInput = "server";
    public const string PortInput = "port";

    private static readonly string[] Families = ["unspec", "inet", "inet6"];
    private static readonly string[] Libcs = ["glibc", "musl"];
    private static readonly string[] Cases = ["external", "nxdomain", "aaaa-lost", "lost", "slow-second-nameserver", "truncated", "conntrack-race"];

    /// <summary>Parses every input present; <paramref name="requireName"/> makes a missing or blank name an error.</summary>
    public static QueryResult<DnsLookupQuery> Parse(QueryInput input, bool requireName = false)
    {
        var errors = new List<QueryError>();
        var cli = IsCli(input);

        ObjectKey? pod = null;
        // A blank pod is no pod in URLs and bodies; a CLI flag given empty is a malformed pod.
        if ((cli ? input.Get(PodInput) : Present(input.Get(PodInput))) is { } podText)
        {
            var key = ObjectKey.Parse(podText);
            if (cli && (key.Namespace.Length == 0 || key.Name.Length == 0))
            {
                errors.Add(input.Error(PodInput, $"{input.Display(PodInput)} '{podText}': expected NAMESPACE/NAME"));
            }

            pod = key;
        }

        var name = input.Get(NameInput)?.Trim();
        if (requireName && string.IsNullOrEmpty(name))
        {
            errors.Add(input.Error(NameInput, cli ? $"missing required flag {input.Display(NameInput)}" : $"{input.Display(NameInput)} is required"));
        }

        var libc = ParseLibc(input, cli, errors);
        var family = ParseFamily(input, cli, errors);
        var scenario = ParseScenario(input, errors);

        DnsAnswers? answers = null;
        if (Present(input.Get(AnswersInput)) is { } answersJson)
        {
            try
            {
                answers = DnsAnswers.Parse(answersJson, input.Display(AnswersInput));
            }
            catch (DnsAnswersFormatException ex)
            {
                errors.Add(input.Error(AnswersInput, ex.Message));
            }
        }

        var server = Present(input.Get(ServerInput))?.Trim();
        var port = DnsLookupQuery.DefaultPort;
        var portText = input.Get(PortInput);
        var portOk = portText is null || (int.TryParse(portText, NumberStyles.Integer, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535);
        if ((server is not null && !IPAddress.TryParse(server, out _)) || !portOk)
        {
            errors.Add(input.Error(server is not null && !IPAddress.TryParse(server, out _) ? ServerInput : PortInput, ServerMessage));
        }

        if (errors.Count > 0)
        {
            return QueryResult<DnsLookupQuery>.Failure(errors);
        }

        return QueryResult<DnsLookupQuery>.Success(new DnsLookupQuery
        {
            Pod = pod,
            ResolvConf = Present(input.Get(ResolvConfInput)),
            Name = string.IsNullOrEmpty(name) ? null : name,
            Family = family,
            Libc = libc,
            Scenario = scenario,
            Answers = answers,
            Server = server,
            Port = port,
        });
    }

    /// <summary>
    /// What kubelet knows and manifests don't, from <c>cluster-domain</c>, <c>node-search</c>, <c>node-nameserver</c> and
    /// <c>cluster-dns</c> (each repeatable, values split on commas and spaces); inputs not given keep <paramref name="defaults"/>.
    /// </summary>
    public static DnsClusterSettings Settings(QueryInput input, DnsClusterSettings? defaults = null)
    {
        var settings = defaults ?? DnsClusterSettings.Default;
        return settings with
        {
            ClusterDomain = input.Get("cluster-domain") ?? settings.ClusterDomain,
            NodeSearch = input.Has("node-search") ? [.. Words(input.GetAll("node-search"))] : settings.NodeSearch,
            NodeNameservers = input.Has("node-nameserver") ? [.. Words(input.GetAll("node-nameserver"))] : settings.NodeNameservers,
            ClusterDnsOverride = input.Has("cluster-dns") ? [.. Words(input.GetAll("cluster-dns"))] : settings.ClusterDnsOverride,
        };
    }

    private static IEnumerable<string> Words(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The live lookup's complaint about its target, the same for a given and a defaulted server.</summary>
    public const string ServerMessage = "server must be an IP address and port 1-65535";

    /// <summary>The wire word of a family (unspec, inet, inet6): what URLs and flags carry.</summary>
    public static string FamilyText(LookupFamily family) => Families[(int)family];

    /// <summary>The wire word of a scenario (external, nxdomain, aaaa-lost, lost, slow-second-nameserver, truncated, conntrack-race): the page's <c>case</c> parameter.</summary>
    public static string ScenarioText(DnsScenario scenario) => Cases[(int)scenario];

    private static LibcProfile? ParseLibc(QueryInput input, bool cli, List<QueryError> errors)
    {
        var text = input.Get(LibcInput);
        var version = input.Get(LibcVersionInput);
        if (text is null)
        {
            if (version is not null && !cli)
            {
                // A version alone names no library; glibc is the default library of every front end but the CLI's.
                text = "glibc";
            }
            else
            {
                return null;
            }
        }

        if (cli && !Libcs.Contains(text, StringComparer.Ordinal))
        {
            errors.Add(input.Error(LibcInput, $"{input.Display(LibcInput)} must be one of {string.Join("|", Libcs)}, got '{text}'"));
            return null;
        }

        try
        {
            return LibcProfile.Parse(text, version);
        }
        catch (ArgumentException ex)
        {
            // LibcProfile names the library first, then the version: a library error belongs to the libc input.
            var isKind = !Libcs.Contains(text.Trim().ToLowerInvariant(), StringComparer.Ordinal);
            var inputName = isKind ? LibcInput : LibcVersionInput;
            errors.Add(input.Error(inputName, cli ? $"{input.Display(inputName)}: {ex.Message}" : ex.Message));
            return null;
        }
    }

    private static LookupFamily ParseFamily(QueryInput input, bool cli, List<QueryError> errors)
    {
        var text = input.Get(FamilyInput);
        if (text is null || (!cli && text.Length == 0))
        {
            return LookupFamily.Unspec;
        }

        var at = Array.IndexOf(Families, text);
        if (at >= 0)
        {
            return (LookupFamily)at;
        }

        errors.Add(input.Error(FamilyInput, cli
            ? $"{input.Display(FamilyInput)} must be one of {string.Join("|", Families)}, got '{text}'"
            : $"{input.Display(FamilyInput)} must be unspec, inet or inet6, got '{text}'"));
        return LookupFamily.Unspec;
    }

    private static DnsScenario ParseScenario(QueryInput input, List<QueryError> errors)
    {
        var text = Present(input.Get(CaseInput));
        if (text is null)
        {
            return DnsScenario.Exists;
        }

        var at = Array.IndexOf(Cases, text);
        if (at >= 0)
        {
            return (DnsScenario)at;
        }

        errors.Add(input.Error(CaseInput, $"{input.Display(CaseInput)} must be external, nxdomain, aaaa-lost, lost, slow-second-nameserver, truncated or conntrack-race, got '{text}'"));
        return DnsScenario.Exists;
    }

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>CLI flags are displayed "--name": they get the CLI's wording.</summary>
    private static bool IsCli(QueryInput input) => input.Display(NameInput) != NameInput;
}
