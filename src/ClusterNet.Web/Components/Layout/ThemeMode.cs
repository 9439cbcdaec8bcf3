namespace ClusterNet.Web.Components.Layout;

/// <summary>System follows the browser's prefers-color-scheme; Light and Dark override it.</summary>
public enum ThemeMode
{
    System,
    Light,
    Dark,
}
