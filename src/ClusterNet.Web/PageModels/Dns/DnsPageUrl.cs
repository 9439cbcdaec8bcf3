using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Queries;

namespace ClusterNet.Web.PageModels.Dns;

/// <summary>The DNS page's URL state as the address bar has it (every value a query parameter, null when absent).</summary>
public sealed record DnsPageUrl
{
    public string? Pod { get; init; }
    public string? Name { get; init; }
    public string? Family { get; init; }
    public string? Conf { get; init; }
    public string? Case { get; init; }
    public string? Libc { get; init; }
    public string? LibcVersion { get; init; }
    public string? Finding { get; init; }

    /// <summary>The page's address for this state: only the parameters that are set, in a fixed order.</summary>
    public string ToHref()
    {
        var parts = new (string Name, string? Value)[]
        {
            ("pod", Pod), ("name", Name), ("family", Family), ("conf", Conf), ("case", Case), ("libc", Libc), ("libc-version", LibcVersion), ("finding", Finding),
        };
        var query = string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "/dns" : "/dns?" + query;
    }

    /// <summary>The lookup question through the one parser (the URL's "conf" is the parser's resolvConf).</summary>
    public QueryResult<DnsLookupQuery> Parse() => DnsLookupQueryParser.Parse(QueryInput.Parameters([
        new(DnsLookupQueryParser.PodInput, Pod),
        new(DnsLookupQueryParser.NameInput, Name),
        new(DnsLookupQueryParser.FamilyInput, Family),
        new(DnsLookupQueryParser.ResolvConfInput, Conf),
        new(DnsLookupQueryParser.CaseInput, Case),
        new(DnsLookupQueryParser.LibcInput, Libc),
        new(DnsLookupQueryParser.LibcVersionInput, LibcVersion),
    ]));
}
