using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>
/// Auth:Mode=None listens on loopback only, but a web page elsewhere can still reach it through DNS rebinding: its
/// own name resolved to 127.0.0.1 turns the browser into a same-origin client of the dashboard. Such requests carry
/// that foreign name in Host, so only loopback names (any port) are served.
/// </summary>
public static class LoopbackHostFilter
{
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host == "127.0.0.1" || host == "[::1]";

    public static IApplicationBuilder UseClusterNetLoopbackHostFilter(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.Mode != AuthMode.None)
        {
            return app;
        }

        return app.Use(static (context, next) =>
        {
            if (IsLoopbackHost(context.Request.Host.Host))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("Auth:Mode=None serves only requests to localhost, 127.0.0.1 or [::1]; use one of those names in the address bar.");
        });
    }
}
