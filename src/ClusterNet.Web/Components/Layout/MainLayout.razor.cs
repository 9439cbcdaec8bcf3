using ClusterNet.Core.Model;
using ClusterNet.Web.Interop;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Shell;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace ClusterNet.Web.Components.Layout;

/// <summary>
/// The shell: top bar, navigation drawer (docked on wide screens, behind a menu button on narrow ones), the details
/// drawer laid over the page for the selection, the cluster-state banners, and the page once the first sync finished.
/// </summary>
public partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private ThemePreference _theme;
    private bool _navOpen = true;
    private bool _synced;
    private bool _stale;
    private SnapshotSubscription? _subscription;
    private DotNetObjectReference<MainLayout>? _self;

    [Inject] private ISnapshotFeed Feed { get; set; } = default!;

    [Inject] private SelectionService Selection { get; set; } = default!;

    [Inject] private ShellInterop Shell { get; set; } = default!;

    [Inject] private ILogger<MainLayout> Logger { get; set; } = default!;

    /// <summary>The theme the server read from the browser's cookie (<see cref="Routes"/> cascades it): no flash of the wrong theme.</summary>
    [CascadingParameter(Name = Routes.ThemeCascade)] public ThemePreference InitialTheme { get; set; }

    protected override void OnInitialized()
    {
        _theme = InitialTheme;
        _subscription = SnapshotSubscription.Start(Feed, OnBatchAsync, Logger);
        Update();
        Selection.Changed += OnSelectionChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        await Shell.InitializeAsync(_self, GlobalSearch.InputId);
        if (_themeProvider is not null)
        {
            var systemDark = await _themeProvider.GetSystemDarkModeAsync();
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChanged);
            await SetThemeAsync(_theme with { SystemDark = systemDark });
            StateHasChanged();
        }
    }

    /// <summary>Esc (from wwwroot/js/shell.js) clears the selection.</summary>
    [JSInvokable]
    public Task OnEscape()
    {
        if (Selection.Current is not null)
        {
            Selection.Clear();
        }

        return Task.CompletedTask;
    }

    private Task OnSystemDarkModeChanged(bool dark) => InvokeAsync(async () =>
    {
        await SetThemeAsync(_theme with { SystemDark = dark });
        StateHasChanged();
    });

    private Task CycleThemeAsync() => SetThemeAsync(_theme.Next());

    /// <summary>Applies and remembers the theme (a cookie the server reads on the next page load).</summary>
    private Task SetThemeAsync(ThemePreference theme)
    {
        _theme = theme;
        return Shell.RememberThemeAsync(theme.Format(), theme.Name);
    }

    private void ToggleNav() => _navOpen = !_navOpen;

    private void OnDetailsOpenChanged(bool open)
    {
        if (!open && Selection.Current is not null)
        {
            Selection.Clear();
        }
    }

    private bool Update()
    {
        var synced = Feed.InitialSyncComplete;
        var stale = Feed.Current.Connection == ConnectionState.Disconnected;
        var changed = synced != _synced || stale != _stale;
        _synced = synced;
        _stale = stale;
        return changed;
    }

    // The layout re-renders only when the page frame changes (loading → ready, connected ↔ disconnected):
    // re-rendering it would re-render every page below it.
    private Task OnBatchAsync(SnapshotBatch batch) => InvokeAsync(() =>
    {
        if (Update())
        {
            StateHasChanged();
        }
    });

    private void OnSelectionChanged() => _ = InvokeAsync(StateHasChanged);

    public async ValueTask DisposeAsync()
    {
        Selection.Changed -= OnSelectionChanged;
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
