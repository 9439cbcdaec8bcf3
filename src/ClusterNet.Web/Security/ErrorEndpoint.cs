using System.Diagnostics;
using System.Net;

namespace ClusterNet.Web.Security;

/// <summary>
/// <c>/error</c>, where the Production exception handler re-executes a failed request: a ProblemDetails (or, for a
/// browser, a short page) with a trace id for the logs and nothing about the exception: no message, no stack trace.
/// </summary>
public static class ErrorEndpoint
{
    public const string Path = "/error";

    public static IEndpointRouteBuilder MapClusterNetErrorEndpoint(this IEndpointRouteBuilder app)
    {
        // Re-execution keeps the method of the failed request, so every method lands here.
        app.Map(Path, (HttpContext context) =>
        {
            var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
            if (AuthSetup.IsMachineRequest(context.Request) || context.Request.Path.StartsWithSegments("/api"))
            {
                return Results.Problem(
                    title: "Something went wrong on the server",
                    detail: "The error was logged; quote the trace id when reporting it.",
                    statusCode: StatusCodes.Status500InternalServerError,
                    extensions: new Dictionary<string, object?> { ["traceId"] = traceId });
            }

            return Results.Content($$"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Error · ClusterNet</title></head>
                <body><main><h1>Something went wrong on the server</h1>
                <p>The error was logged. Trace id: <code>{{WebUtility.HtmlEncode(traceId)}}</code></p>
                <p><a href="/">Back to the dashboard</a></p></main></body></html>
                """, "text/html; charset=utf-8", statusCode: StatusCodes.Status500InternalServerError);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
