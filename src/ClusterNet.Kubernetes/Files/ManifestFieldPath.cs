using System.Text;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Parses field paths as System.Text.Json reports them ($.spec.ports[0], $['a.b']) and as the mapper writes them
/// (spec.ports[0].targetPort, metadata.labels[kubernetes.io/service-name]) into segments: string keys or int indexes.
/// </summary>
internal static class ManifestFieldPath
{
    public static List<object> Parse(string? path)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(path))
        {
            return segments;
        }

        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '.')
            {
                i++;
                continue;
            }

            if (c == '[')
            {
                var close = path.IndexOf(']', i + 1);
                if (close < 0)
                {
                    segments.Add(path[(i + 1)..]);
                    break;
                }

                var inner = path[(i + 1)..close];
                if (inner.Length >= 2 && inner[0] == '\'' && inner[^1] == '\'')
                {
                    // STJ escapes nothing inside ['...'], so a key containing "']" would be ambiguous; such keys do not occur in Kubernetes objects.
                    segments.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(index);
                }
                else
                {
                    segments.Add(inner);
                }

                i = close + 1;
                continue;
            }

            var end = i;
            while (end < path.Length && path[end] is not ('.' or '['))
            {
                end++;
            }

            segments.Add(path[i..end]);
            i = end;
        }

        return segments;
    }

    /// <summary>Readable form: spec.containers[0].ports, metadata.labels[app.kubernetes.io/name].</summary>
    public static string Format(IEnumerable<object> segments)
    {
        var sb = new StringBuilder();
        foreach (var s in segments)
        {
            switch (s)
            {
                case int index:
                    sb.Append('[').Append(index).Append(']');
                    break;
                case string key when key.Contains('.') || key.Contains('/'):
                    sb.Append('[').Append(key).Append(']');
                    break;
                case string key:
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(key);
                    break;
            }
        }

        return sb.ToString();
    }
}
