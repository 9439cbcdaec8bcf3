using System.Collections.Immutable;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClusterNet.Web.ClientIp;

/// <summary>
/// The socket address and forwarding headers exactly as the request arrived, captured before
/// UseForwardedHeaders rewrites them (it moves the socket address to X-Original-For and trims X-Forwarded-For).
/// </summary>
public sealed record RawRequestCapture(IPAddress? RemoteAddress, int RemotePort, ImmutableArray<KeyValuePair<string, ImmutableArray<string>>> Headers)
{
    private static readonly object Key = new();

    /// <summary>Headers that carry client or proxy addresses.</summary>
    public static readonly string[] ForwardingHeaders =
        ["X-Forwarded-For", "X-Real-IP", "Forwarded", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Original-Forwarded-For", "X-Original-For", "True-Client-IP", "CF-Connecting-IP", "X-Client-IP"];

    public static RawRequestCapture From(HttpContext context) => new(
        context.Connection.RemoteIpAddress,
        context.Connection.RemotePort,
        [.. ForwardingHeaders
            .Where(h => context.Request.Headers.ContainsKey(h))
            .Select(h => new KeyValuePair<string, ImmutableArray<string>>(h, [.. context.Request.Headers[h].Select(v => v ?? "")]))]);

    /// <summary>What the capture middleware stored, or null when it did not run for this request.</summary>
    public static RawRequestCapture? Get(HttpContext context) => context.Items.TryGetValue(Key, out var v) ? v as RawRequestCapture : null;

    internal static void Store(HttpContext context) => context.Items[Key] = From(context);
}
