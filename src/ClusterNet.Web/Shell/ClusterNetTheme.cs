using MudBlazor;

namespace ClusterNet.Web.Shell;

/// <summary>
/// Light and dark palettes. Status colours keep AA contrast for text on both backgrounds; fonts are local
/// (no web-font host: the CSP and the offline cluster networks allow none).
/// </summary>
public static class ClusterNetTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#7c3aed",
            Tertiary = "#0f766e",
            Info = "#0369a1",
            Success = "#15803d",
            Warning = "#b45309",
            Error = "#b91c1c",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            Background = "#f5f7fb",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1e293b",
            DrawerIcon = "#475569",
            TextPrimary = "#0f172a",
            TextSecondary = "#475569",
            TableHover = "#eef2ff",
            LinesDefault = "#e2e8f0",
            TableLines = "#e2e8f0",
            Divider = "#e2e8f0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#60a5fa",
            Secondary = "#a78bfa",
            Tertiary = "#2dd4bf",
            Info = "#38bdf8",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            AppbarBackground = "#020617",
            AppbarText = "#e2e8f0",
            Background = "#0b1120",
            Surface = "#111827",
            DrawerBackground = "#0f172a",
            DrawerText = "#e2e8f0",
            DrawerIcon = "#94a3b8",
            TextPrimary = "#e2e8f0",
            TextSecondary = "#94a3b8",
            TableHover = "#1e293b",
            LinesDefault = "#1f2937",
            TableLines = "#1f2937",
            Divider = "#1f2937",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "DejaVu Sans", "Liberation Sans", "system-ui", "sans-serif"],
            },
            // Kubernetes names are case-sensitive: no all-caps buttons (tabs follow in app.css).
            Button = new ButtonTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            DrawerWidthLeft = "220px",
            DrawerWidthRight = "440px",
            AppbarHeight = "96px",
        },
    };
}
