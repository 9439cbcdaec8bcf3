using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterNet.Core.Dns;

namespace ClusterNet.Web.Api.Dns;

/// <summary>JSON shapes of the DNS API; the expansion is the `clusternet dns expand` contract plus a few extra fields.</summary>
public static class DnsDtos
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static object Expansion(ExpansionResult r) => new
    {
        queries = r.Queries.Select(q => new { qname = q.Qname, qtype = q.Qtype, server = q.Server }),
        result = new { ok = r.Result.Ok, error = r.Result.Error, addresses = r.Result.Addresses },
        worstCaseSeconds = r.WorstCaseSeconds,
        libc = r.Request.Libc.ToString(),
        answeredBy = r.AnsweredBy,
        stopReason = r.StopReason,
        notes = r.Notes,
    };

    /// <summary>A finding as GET /api/dns/findings lists it: the CLI's shape, the patch's command named "kubectl".</summary>
    public static object Finding(ClusterNet.Core.Findings.Finding finding)
    {
        var f = DnsFindingDto.From(finding);
        return new
        {
            id = f.Id,
            code = f.Code,
            severity = f.Severity,
            scope = f.Scope,
            subject = f.Subject,
            @namespace = f.Namespace,
            pods = f.Pods,
            title = f.Title,
            evidence = f.Evidence,
            fix = f.Fix,
            patch = f.Patch is null ? null : new { target = f.Patch.Target, yaml = f.Patch.Yaml, kubectl = f.Patch.KubectlCommand, tradeOff = f.Patch.TradeOff, stopsWorking = f.Patch.StopsWorking },
            impact = f.Impact,
        };
    }
}
