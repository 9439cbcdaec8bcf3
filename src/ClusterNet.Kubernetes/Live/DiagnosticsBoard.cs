using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Problems converting the objects the server sent (skipped objects, warnings about fields), per object; replaced when
/// the object arrives again and dropped when it is deleted, so the list stays bounded by the currently bad objects.
/// </summary>
internal sealed class DiagnosticsBoard(ClusterStore store)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Stream, string Object), IReadOnlyList<SourceDiagnostic>> _items = [];

    /// <summary>Records the problems of one object; an empty list clears them.</summary>
    public void Set(string stream, string objectName, IReadOnlyList<SourceDiagnostic> diagnostics)
    {
        if (diagnostics.Count == 0)
        {
            Clear(stream, objectName);
            return;
        }

        lock (_gate)
        {
            if (_items.TryGetValue((stream, objectName), out var old) && old.SequenceEqual(diagnostics))
            {
                return;
            }

            _items[(stream, objectName)] = diagnostics;
            Publish();
        }
    }

    public void Clear(string stream, string objectName)
    {
        lock (_gate)
        {
            if (_items.Remove((stream, objectName)))
            {
                Publish();
            }
        }
    }

    /// <summary>After a full list: keep only the diagnostics of <paramref name="stream"/> raised by that list.</summary>
    public void ReplaceStream(string stream, IReadOnlyDictionary<string, IReadOnlyList<SourceDiagnostic>> current)
    {
        lock (_gate)
        {
            var changed = false;
            foreach (var key in _items.Keys.Where(k => k.Stream == stream && !current.ContainsKey(k.Object)).ToList())
            {
                changed |= _items.Remove(key);
            }

            foreach (var (name, diagnostics) in current)
            {
                if (!_items.TryGetValue((stream, name), out var old) || !old.SequenceEqual(diagnostics))
                {
                    _items[(stream, name)] = diagnostics;
                    changed = true;
                }
            }

            if (changed)
            {
                Publish();
            }
        }
    }

    private void Publish() =>
        store.SetDiagnostics(_items.OrderBy(kv => kv.Key.Stream, StringComparer.Ordinal).ThenBy(kv => kv.Key.Object, StringComparer.Ordinal).SelectMany(kv => kv.Value));
}
