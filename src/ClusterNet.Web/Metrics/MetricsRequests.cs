using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Metrics;

/// <summary>Recognises a scrape of the metrics path, which is a machine's request (a 401, never a login redirect).</summary>
public static class MetricsRequests
{
    public static bool IsScrape(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.HttpContext.RequestServices.GetService<IOptions<MetricsOptions>>()?.Value;
        return options is { Enabled: true } && request.Path.Equals(options.Path, StringComparison.OrdinalIgnoreCase);
    }
}
