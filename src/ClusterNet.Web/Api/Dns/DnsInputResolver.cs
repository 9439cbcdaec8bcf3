using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Web.Api.Dns;

/// <summary>
/// Turns a request body into an expansion request through <see cref="DnsLookupQueryParser"/>; bad input throws
/// <see cref="FormatException"/> with the API's message. Problems are reported in the order the API has always checked
/// them: name, the resolv.conf or pod, libc, family, answers. A pasted resolv.conf wins over a pod.
/// </summary>
public static class DnsInputResolver
{
    public static ExpansionRequest Resolve(DnsExpandRequestDto body, ClusterSnapshot snapshot, DnsClusterSettings settings)
    {
        var parsed = DnsLookupQueryParser.Parse(Input(body), requireName: true);
        ThrowIfBad(parsed, DnsLookupQueryParser.NameInput);

        ResolvConf conf;
        HostsFile? hosts = null;
        if (!string.IsNullOrWhiteSpace(body.ResolvConf))
        {
            conf = ResolvConfParser.Parse(body.ResolvConf, DnsLookupQueryParser.ResolvConfInput);
        }
        else if (!string.IsNullOrWhiteSpace(body.Pod))
        {
            var pod = snapshot.Pods.Get(ObjectKey.Parse(body.Pod)) ?? throw new FormatException($"pod '{body.Pod}' is not in the snapshot");
            conf = EffectiveResolvConfBuilder.Build(pod, ClusterFacts.Of(snapshot).Dns, settings).Conf;
            // The pod's own /etc/hosts (localhost, its hostname and FQDN, hostAliases) is read before DNS.
            hosts = PodHostsFileBuilder.Build(pod, settings.ClusterDomain);
        }
        else
        {
            throw new FormatException("give either pod (ns/name) or resolvConf (the file's text)");
        }

        ThrowIfBad(parsed, DnsLookupQueryParser.LibcInput, DnsLookupQueryParser.LibcVersionInput, DnsLookupQueryParser.FamilyInput, DnsLookupQueryParser.AnswersInput);
        var query = parsed.Query!;
        return new ExpansionRequest { ResolvConf = conf, Libc = query.Libc ?? LibcProfile.Glibc, Name = body.Name, Family = query.Family, Answers = query.Answers, Hosts = hosts };
    }

    /// <summary>
    /// The live lookup's target: the body's server, else the resolv.conf's first nameserver, and the port; the same message
    /// for a bad given server, a missing default and a port out of range.
    /// </summary>
    public static (string Server, int Port)? Target(DnsExpandRequestDto body, ResolvConf conf)
    {
        var server = body.Server ?? conf.Nameservers.FirstOrDefault();
        if (string.IsNullOrWhiteSpace(server))
        {
            return null;
        }

        var parsed = DnsLookupQueryParser.Parse(QueryInput.Parameters([
            new(DnsLookupQueryParser.ServerInput, server),
            new(DnsLookupQueryParser.PortInput, body.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));
        return parsed.Ok ? (parsed.Query!.Server!, parsed.Query.Port) : null;
    }

    /// <summary>The body as named inputs (server and port are the live lookup's, read by <see cref="Target"/>).</summary>
    private static QueryInput Input(DnsExpandRequestDto body) => QueryInput.Parameters([
        new(DnsLookupQueryParser.NameInput, body.Name ?? ""),
        new(DnsLookupQueryParser.LibcInput, body.Libc),
        new(DnsLookupQueryParser.LibcVersionInput, body.LibcVersion),
        new(DnsLookupQueryParser.FamilyInput, body.Family ?? "unspec"),
        new(DnsLookupQueryParser.AnswersInput, body.Answers is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined } json ? json.GetRawText() : null),
    ]);

    private static void ThrowIfBad(QueryResult<DnsLookupQuery> parsed, params string[] inputs)
    {
        foreach (var input in inputs)
        {
            if (parsed.Errors.FirstOrDefault(e => e.Input == input) is { } error)
            {
                throw new FormatException(error.Message);
            }
        }
    }
}
