using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace ClusterNet.Web.Navigation;

/// <summary>
/// The selected object, per circuit, kept in the URL as <c>?sel=kind/ns/name</c> so a link reopens the details drawer.
/// The shell's details drawer shows <see cref="Current"/>; pages call <see cref="Select"/> (e.g. on a row or node
/// click) and may listen to <see cref="Changed"/> to highlight it. <c>Esc</c> calls <see cref="Clear"/>.
/// </summary>
public sealed class SelectionService : IDisposable
{
    public const string QueryName = "sel";
    private readonly NavigationManager _navigation;
    private readonly UrlState _url;

    public SelectionService(NavigationManager navigation, UrlState url)
    {
        _navigation = navigation;
        _url = url;
        Current = Read();
        _navigation.LocationChanged += OnLocationChanged;
    }

    public ObjectRef? Current { get; private set; }

    /// <summary>Raised after <see cref="Current"/> changed (a click, a link, Back/Forward).</summary>
    public event Action? Changed;

    public void Select(ObjectRef target) => _url.Set(QueryName, target.ToString(), replace: false);

    public void Clear() => _url.Set(QueryName, null, replace: false);

    /// <summary>A link to the current page with <paramref name="target"/> selected (for copy-link and anchors).</summary>
    public string LinkTo(ObjectRef target) => _url.LinkWith((QueryName, target.ToString()));

    /// <summary>A link to another page (e.g. "/cluster?tab=pods") with <paramref name="target"/> selected.</summary>
    public string LinkTo(string page, ObjectRef target) => _url.With(page, (QueryName, target.ToString()));

    private ObjectRef? Read() => ObjectRef.TryParse(_url.Get(QueryName), out var value) ? value : null;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var next = Read();
        if (next != Current)
        {
            Current = next;
            Changed?.Invoke();
        }
    }

    public void Dispose() => _navigation.LocationChanged -= OnLocationChanged;
}
