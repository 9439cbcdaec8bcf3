using ClusterNet.Web.Components.Layout;

namespace ClusterNet.Web.Shell;

/// <summary>
/// The theme choice as remembered by the browser: the cookie <see cref="CookieName"/> (written by wwwroot/js/shell.js)
/// holds the mode and, for <see cref="ThemeMode.System"/>, the browser's preference last seen, e.g. <c>system-dark</c>.
/// The server reads it when it sends the page, so the first paint (skeleton included) already has the right colours.
/// </summary>
public readonly record struct ThemePreference(ThemeMode Mode, bool SystemDark)
{
    public const string CookieName = "cn-theme";

    /// <summary>True when the page should be dark.</summary>
    public bool IsDark => Mode switch
    {
        ThemeMode.Light => false,
        ThemeMode.Dark => true,
        _ => SystemDark,
    };

    /// <summary>The value of the <c>data-cn-theme</c> attribute: light or dark.</summary>
    public string Name => IsDark ? "dark" : "light";

    /// <summary>Reads a cookie value; anything unknown (or no cookie) follows the browser, assumed light until it says otherwise.</summary>
    public static ThemePreference Parse(string? cookie) => cookie switch
    {
        "light" => new(ThemeMode.Light, false),
        "dark" => new(ThemeMode.Dark, false),
        "system-dark" => new(ThemeMode.System, true),
        _ => new(ThemeMode.System, false),
    };

    /// <summary>The cookie value for this preference (the inverse of <see cref="Parse"/>).</summary>
    public string Format() => Mode switch
    {
        ThemeMode.Light => "light",
        ThemeMode.Dark => "dark",
        _ => SystemDark ? "system-dark" : "system-light",
    };

    /// <summary>The next mode of the top bar's toggle: system → light → dark → system.</summary>
    public ThemePreference Next() => this with
    {
        Mode = Mode switch
        {
            ThemeMode.System => ThemeMode.Light,
            ThemeMode.Light => ThemeMode.Dark,
            _ => ThemeMode.System,
        },
    };
}
