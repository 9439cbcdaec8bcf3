namespace ClusterNet.Core.ClientIp;

/// <summary>
/// The app-side fix every client-IP analysis offers ASP.NET Core apps: ForwardedHeadersOptions that believe
/// X-Forwarded-For only from the proxy's networks (ingress controller, gateway pods).
/// </summary>
internal static class AspNetForwardedHeaders
{
    public const string FixId = "app-aspnet-forwarded-headers";

    /// <summary>The trade-off every variant carries: the middleware's empty lists mean "trust everyone".</summary>
    public const string ClearBothListsTradeOff = "Never clear both lists without adding networks: empty KnownProxies and KnownIPNetworks make the middleware trust every sender.";

    /// <summary>Program.cs lines: <paramref name="comment"/>, then the options with <paramref name="networks"/> as known networks (ForwardLimit when given).</summary>
    public static string Snippet(string comment, IEnumerable<string> networks, int? forwardLimit = null) => string.Join("\n",
    [
        $"// Program.cs: {comment}",
        "builder.Services.Configure<ForwardedHeadersOptions>(o =>",
        "{",
        "    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;",
        .. forwardLimit is { } limit ? [$"    o.ForwardLimit = {limit};"] : Array.Empty<string>(),
        "    o.KnownProxies.Clear();",
        "    o.KnownIPNetworks.Clear();",
        .. networks.Select(c => $"    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(\"{c}\"));"),
        "});",
        "app.UseForwardedHeaders();",
    ]) + "\n";
}
