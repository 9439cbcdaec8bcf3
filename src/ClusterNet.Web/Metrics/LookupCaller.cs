namespace ClusterNet.Web.Metrics;

/// <summary>Who asked for a live lookup: the <c>where</c> tag of <c>clusternet_lookups_refused_total</c>.</summary>
public enum LookupCaller
{
    /// <summary>The DNS page's "look up" (a circuit).</summary>
    Page,

    /// <summary>POST /api/dns/lookup (answered 429).</summary>
    Api,
}
