using System.Net;

namespace ClusterNet.Web.Security;

/// <summary>Decides whether every configured listening URL is loopback: Auth:Mode None is refused otherwise.</summary>
public static class ListenAddressCheck
{
    /// <summary>Returns the URLs that listen beyond loopback (empty when all are loopback).</summary>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> urls) =>
        [.. urls.Where(u => !string.IsNullOrWhiteSpace(u) && !IsLoopback(u.Trim()))];

    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal).Replace("://+", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Split ASP.NET's "urls" setting (semicolon separated).</summary>
    public static IEnumerable<string> SplitUrls(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
