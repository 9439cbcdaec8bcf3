namespace ClusterNet.Web.Security;

/// <summary>
/// The one check for where the app may send a browser after sign-in (login form, OIDC callback). Only paths on this
/// site pass: browsers strip tabs and newlines from URLs and read a backslash as a slash, so <c>/%09/evil.example</c>
/// and <c>/\evil.example</c> become <c>//evil.example</c>, another site, and a scheme or host never belongs here.
/// </summary>
public static class LocalRedirect
{
    /// <summary>Longer return URLs are not something our own pages produce.</summary>
    public const int MaxLength = 2048;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/')
        {
            return false;
        }

        // "//host" is protocol-relative: another site.
        if (url.Length > 1 && url[1] == '/')
        {
            return false;
        }

        foreach (var c in url)
        {
            // Control characters (TAB, CR, LF are removed by browsers), backslashes (read as '/'), and whitespace,
            // which no URL our pages build contains.
            if (char.IsControl(c) || c == '\\' || char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The URL when it is local, else the home page.</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
