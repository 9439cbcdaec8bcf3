using Microsoft.AspNetCore.Builder;

namespace ClusterNet.Web.ClientIp;

public static class ClientIpEchoCaptureExtensions
{
    /// <summary>
    /// Records the raw socket address and forwarding headers for GET /api/echo. Register it before
    /// UseForwardedHeaders so the echo can show what arrived as well as what the dashboard derived.
    /// </summary>
    public static IApplicationBuilder UseClientIpEchoCapture(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            RawRequestCapture.Store(context);
            return next(context);
        });
}
