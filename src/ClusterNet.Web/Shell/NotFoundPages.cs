using Microsoft.AspNetCore.Diagnostics;

namespace ClusterNet.Web.Shell;

/// <summary>
/// Unknown page URLs get the app's own 404 page with status 404: the request is re-executed as <c>/not-found</c>
/// (Components/Pages/NotFound.razor), keeping the status. Only browser page requests: REST, the hub, the circuit and
/// static files keep their own 404 answers (REST bodies stay as README documents them).
/// </summary>
public static class NotFoundPages
{
    public const string Path = "/not-found";

    private static readonly string[] OwnPrefixes = ["/api", "/hubs", "/_blazor", "/_framework", "/_content", "/healthz", "/readyz"];

    public static IApplicationBuilder UseClusterNetNotFoundPage(this IApplicationBuilder app)
    {
        // Not app.UseWhen(...): a branch loses the reroute to the endpoint of /not-found (the answer stays empty).
        app.UseStatusCodePagesWithReExecute(Path, queryFormat: null, createScopeForStatusCodePages: true);
        return app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
    }

    /// <summary>A GET for HTML outside the app's machine endpoints (the metrics path is one: its 401 stays a 401).</summary>
    public static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !OwnPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && !Metrics.MetricsRequests.IsScrape(context.Request)
        && context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
