using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Navigation;

/// <summary>
/// Reads and writes view state in the query string so every view can be shared as a link. Read with
/// <c>[SupplyParameterFromQuery]</c> parameters on pages (Blazor re-sets them on every URL change) or <see cref="Get"/>;
/// write with <see cref="Set"/>. Filters replace the history entry, selections push one (Back closes the drawer).
/// </summary>
public sealed class UrlState(NavigationManager navigation)
{
    public string? Get(string name)
    {
        var query = new Uri(navigation.Uri).Query;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue(name, out var values) && values.Count > 0
            ? values[^1]
            : null;
    }

    /// <summary>Sets (or, with null/empty, removes) query parameters on the current page.</summary>
    public void Set(bool replace, params (string Name, string? Value)[] values)
    {
        var target = With(navigation.Uri, values);
        if (!string.Equals(target, navigation.Uri, StringComparison.Ordinal))
        {
            navigation.NavigateTo(target, forceLoad: false, replace: replace);
        }
    }

    public void Set(string name, string? value, bool replace = true) => Set(replace, (name, value));

    /// <summary>The current page's URL with some parameters changed: for copy-link buttons and anchors.</summary>
    public string LinkWith(params (string Name, string? Value)[] values) => With(navigation.Uri, values);

    /// <summary>An absolute URL of <paramref name="uri"/> with parameters set or removed (null/empty removes).</summary>
    public string With(string uri, params (string Name, string? Value)[] values)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            parameters[name] = string.IsNullOrEmpty(value) ? null : value;
        }

        return navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri(uri).ToString(), parameters);
    }
}
