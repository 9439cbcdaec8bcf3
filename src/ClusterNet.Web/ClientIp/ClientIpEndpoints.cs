using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.ClientIp;

/// <summary>
/// Client-IP REST: GET /api/echo (what the dashboard itself received and the client address its own
/// ForwardedHeaders configuration derives; a live check when the dashboard sits behind the same LB/ingress).
/// </summary>
public static class ClientIpEndpoints
{
    public static IEndpointRouteBuilder MapClientIpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/echo", (HttpContext context, IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions> options) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(ClientIpEcho.Build(context, options.Value));
        });
        return app;
    }
}
