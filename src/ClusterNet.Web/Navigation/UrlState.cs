using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace ClusterNet.Web.Navigation;

/// <summary>
/// Reads and writes view state in the query string so every view can be shared as a link. Read with
/// <c>[SupplyParameterFromQuery]</c> parameters on pages (Blazor re-sets them on every URL change) or <see cref="Get"/>;
/// write with <see cref="Set"/>. Filters replace the history entry, selections push one (Back closes the drawer).
/// </summary>
public sealed class UrlState : IDisposable
{
    private readonly NavigationManager _navigation;
    private readonly Lock _lock = new();

    // URLs this circuit navigated to that the browser has not reported yet, oldest first. On Blazor Server the
    // NavigationManager's Uri changes only when the browser reports the new location, a round trip later, so two changes
    // within one round trip (a tap's selection, then the double-tap's level) each started from the old URL and the
    // second dropped the first's parameters. Changes build on the newest of these instead.
    private readonly List<string> _pending = [];

    public UrlState(NavigationManager navigation)
    {
        _navigation = navigation;
        _navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>The URL the page is at or on its way to: the last navigation asked for, else the browser's.</summary>
    public string Current
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count > 0 ? _pending[^1] : _navigation.Uri;
            }
        }
    }

    public string? Get(string name)
    {
        var query = new Uri(Current).Query;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue(name, out var values) && values.Count > 0
            ? values[^1]
            : null;
    }

    /// <summary>Sets (or, with null/empty, removes) query parameters on the current page.</summary>
    public void Set(bool replace, params (string Name, string? Value)[] values)
    {
        string target;
        lock (_lock)
        {
            var current = _pending.Count > 0 ? _pending[^1] : _navigation.Uri;
            target = With(current, values);
            if (string.Equals(target, current, StringComparison.Ordinal))
            {
                return;
            }

            _pending.Add(target);
        }

        _navigation.NavigateTo(target, forceLoad: false, replace: replace);
    }

    public void Set(string name, string? value, bool replace = true) => Set(replace, (name, value));

    /// <summary>The current page's URL with some parameters changed: for copy-link buttons and anchors.</summary>
    public string LinkWith(params (string Name, string? Value)[] values) => With(Current, values);

    /// <summary>An absolute URL of <paramref name="uri"/> with parameters set or removed (null/empty removes).</summary>
    public string With(string uri, params (string Name, string? Value)[] values)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            parameters[name] = string.IsNullOrEmpty(value) ? null : value;
        }

        return _navigation.GetUriWithQueryParameters(_navigation.ToAbsoluteUri(uri).ToString(), parameters);
    }

    public void Dispose() => _navigation.LocationChanged -= OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        lock (_lock)
        {
            var at = _pending.FindIndex(p => string.Equals(p, e.Location, StringComparison.Ordinal));
            if (at >= 0)
            {
                // The browser reached one of ours: it and the ones before it are done.
                _pending.RemoveRange(0, at + 1);
            }
            else
            {
                // Back/forward, a link or another component navigated: the browser's location is the truth again.
                _pending.Clear();
            }
        }
    }
}
