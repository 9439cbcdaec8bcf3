using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Reads YAML/JSON manifests (multi-document, kind: List, *List kinds, kubectl get -o yaml, kubectl cluster-info dump)
/// into model records. Errors name the file, document index, line and field; a bad document never stops the others.
/// Secrets are never loaded; kinds ClusterNet does not use are skipped with one warning per kind and file.
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Name used in messages for text read from standard input (as with <c>kubectl apply -f -</c>).</summary>
    public const string StdinName = "<stdin>";

    /// <summary>A file or a directory, recursively (what the dashboard's <c>file:PATH</c> source has always read).</summary>
    public static ManifestLoadResult LoadPath(string path) => LoadPath(path, recursive: true);

    /// <summary>
    /// A file or a directory: its *.yaml, *.yml and *.json files in ordinal path order; subdirectories only when
    /// <paramref name="recursive"/> (kubectl's <c>-R</c>).
    /// </summary>
    public static ManifestLoadResult LoadPath(string path, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(path);
        var session = new LoadSession();
        if (File.Exists(path))
        {
            session.LoadFile(path);
        }
        else if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                session.Diagnostics.Add(new SourceDiagnostic("warning", "directory holds no *.yaml, *.yml or *.json files", path));
            }

            foreach (var file in files)
            {
                session.LoadFile(file);
            }
        }
        else
        {
            session.Diagnostics.Add(new SourceDiagnostic("error", "no such file or directory", path));
        }

        return session.Result();
    }

    /// <summary>
    /// Everything <paramref name="reader"/> holds (standard input for <c>-</c>), as one file named
    /// <paramref name="name"/> in messages; more than <see cref="ManifestLimits.MaxFileBytes"/> characters is refused.
    /// </summary>
    public static ManifestLoadResult LoadReader(TextReader reader, string name = StdinName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var text = new System.Text.StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + (long)read > ManifestLimits.MaxFileBytes)
            {
                var session = new LoadSession();
                session.Diagnostics.Add(new SourceDiagnostic("error", $"input is larger than {ManifestLimits.MaxFileBytes / (1024 * 1024)} MiB; not read", name));
                return session.Result();
            }

            text.Append(buffer, 0, read);
        }

        return LoadText(text.ToString(), name);
    }

    /// <summary>As <see cref="LoadReader"/> for a byte stream (UTF-8, or UTF-16/32 with a byte order mark).</summary>
    public static ManifestLoadResult LoadStream(Stream stream, string name = StdinName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return LoadReader(reader, name);
    }

    /// <summary>Text of one file; <paramref name="fileName"/> is only used in messages.</summary>
    public static ManifestLoadResult LoadText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var session = new LoadSession();
        session.LoadText(text, fileName);
        return session.Result();
    }

    private sealed class LoadSession
    {
        private readonly Dictionary<(string Kind, ObjectKey Key), (IClusterObject Object, string Where)> _objects = [];
        private readonly List<(string Kind, ObjectKey Key)> _order = [];

        public List<SourceDiagnostic> Diagnostics { get; } = [];

        public void LoadFile(string file)
        {
            string text;
            try
            {
                var info = new FileInfo(file);
                if (info.Length > ManifestLimits.MaxFileBytes)
                {
                    Diagnostics.Add(new SourceDiagnostic("error", $"file is larger than {ManifestLimits.MaxFileBytes / (1024 * 1024)} MiB; not read", file));
                    return;
                }

                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Diagnostics.Add(new SourceDiagnostic("error", "cannot read file: " + ex.Message, file));
                return;
            }

            LoadText(text, file);
        }

        public void LoadText(string text, string file)
        {
            var skipped = new Dictionary<string, Skipped>(StringComparer.Ordinal);
            foreach (var document in ManifestTextReader.Read(text, file, Diagnostics))
            {
                if (document.Root is null)
                {
                    continue;
                }

                if (document.Root is not ManifestMapping root)
                {
                    // Stray data next to manifests (a JSON array, a scalar): skipped with a note, as kubectl users
                    // keep such files in the same directory; only a directory with nothing usable fails.
                    Diagnostics.Add(new SourceDiagnostic("warning", $"document is {document.Root.Describe()}, not a Kubernetes object; skipped", file, document.Index, document.Root.Line, document.Root.Column));
                    continue;
                }

                if (root.Get("kind") is null && root.Get("metadata") is null)
                {
                    // No kind and no metadata: not an object with a typo but other data (kustomization.yaml, a Helm
                    // values.yaml or Chart.yaml, saved command output). An object with metadata but no kind stays an error.
                    Diagnostics.Add(new SourceDiagnostic("warning", "not a Kubernetes object (no kind, no metadata: kustomization.yaml, Helm values, other data?); skipped", file, document.Index, root.Line, root.Column));
                    continue;
                }

                ReadObject(root, file, document.Index, null, null, "", skipped);
            }

            foreach (var (key, s) in skipped)
            {
                var message = key == "Secret"
                    ? $"Secrets are never loaded (ClusterNet does not read them): {Count(s.Count, "Secret")} skipped"
                    : $"kind {key} is not used by ClusterNet: {Count(s.Count, "object")} skipped";
                Diagnostics.Add(new SourceDiagnostic("warning", message, file, s.Document, s.Line, null, s.Count == 1 ? s.Object : null));
            }
        }

        private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

        private void ReadObject(ManifestMapping obj, string file, int document, string? inheritedKind, string? inheritedApiVersion, string path, Dictionary<string, Skipped> skipped)
        {
            var kind = Text(obj, "kind", file, document, path) ?? inheritedKind;
            var apiVersion = Text(obj, "apiVersion", file, document, path) ?? inheritedApiVersion;
            if (string.IsNullOrEmpty(kind))
            {
                Diagnostics.Add(new SourceDiagnostic("error", "object has no kind; skipped", file, document, obj.Line, obj.Column, NameOf(obj), path + "kind"));
                return;
            }

            if (obj.Get("items") is { } items && (kind == "List" || kind.EndsWith("List", StringComparison.Ordinal)))
            {
                if (items is not ManifestSequence list)
                {
                    if (items is not ManifestScalar s || !ManifestScalarTyping.IsNull(s.Value))
                    {
                        Diagnostics.Add(new SourceDiagnostic("error", $"items must be a list, found {items.Describe()}", file, document, items.Line, items.Column, null, path + "items"));
                    }

                    return;
                }

                // API list kinds (PodList) omit kind/apiVersion on items; kind: List items carry their own.
                var itemKind = kind == "List" ? null : kind[..^"List".Length];
                var itemApiVersion = kind == "List" ? null : apiVersion;
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var itemPath = $"{path}items[{i}].";
                    if (list.Items[i] is ManifestMapping item)
                    {
                        ReadObject(item, file, document, itemKind, itemApiVersion, itemPath, skipped);
                    }
                    else
                    {
                        Diagnostics.Add(new SourceDiagnostic("error", $"list item is {list.Items[i].Describe()}, not a Kubernetes object", file, document, list.Items[i].Line, list.Items[i].Column, null, itemPath.TrimEnd('.')));
                    }
                }

                return;
            }

            if (string.IsNullOrEmpty(apiVersion))
            {
                Diagnostics.Add(new SourceDiagnostic("error", $"{kind} has no apiVersion; skipped", file, document, obj.Line, obj.Column, Describe(kind, obj), path + "apiVersion"));
                return;
            }

            var slash = apiVersion.IndexOf('/');
            var group = slash < 0 ? "" : apiVersion[..slash];
            var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
            if (group == "" && kind == "Secret")
            {
                Skip(skipped, "Secret", document, obj, kind);
                return;
            }

            if (!ManifestObjectConverter.IsSupported(group, kind))
            {
                Skip(skipped, $"{kind} ({apiVersion})", document, obj, kind);
                return;
            }

            var metadata = obj.Get("metadata");
            if (metadata is not ManifestMapping meta)
            {
                var node = metadata ?? obj;
                Diagnostics.Add(new SourceDiagnostic("error", metadata is null ? $"{kind} has no metadata; skipped" : $"metadata must be an object, found {metadata.Describe()}; {kind} skipped", file, document, node.Line, node.Column, kind, path + "metadata"));
                return;
            }

            var name = meta.Get("name");
            if (name is not ManifestScalar nameScalar || ManifestScalarTyping.IsNull(nameScalar.Value))
            {
                var node = name ?? meta;
                Diagnostics.Add(new SourceDiagnostic("error", name is null ? $"{kind} has no metadata.name; skipped" : $"metadata.name must be a string, found {name.Describe()}; {kind} skipped", file, document, node.Line, node.Column, kind, path + "metadata.name"));
                return;
            }

            if (kind == "ConfigMap" && !Conversion.KubeModelMapper.IsAnalysedConfigMap(nameScalar.Value))
            {
                // Only the ConfigMaps analyzers read are kept; others may hold application settings.
                return;
            }

            var objectName = Describe(kind, obj);
            var converter = new ManifestObjectConverter(file, document, Diagnostics);
            var result = converter.Convert(obj, group, version, kind, objectName);
            if (result is not null)
            {
                Add(result, $"{file} document {document} line {obj.Line}", file, document, obj, objectName);
            }
        }

        private void Skip(Dictionary<string, Skipped> skipped, string key, int document, ManifestMapping obj, string kind)
        {
            if (skipped.TryGetValue(key, out var s))
            {
                s.Count++;
            }
            else
            {
                skipped[key] = new Skipped { Count = 1, Document = document, Line = obj.Line, Object = Describe(kind, obj) };
            }
        }

        private void Add(IClusterObject obj, string where, string file, int document, ManifestMapping node, string objectName)
        {
            var key = (ResourceKinds.KindOf(obj), obj.Key);
            if (_objects.TryGetValue(key, out var existing))
            {
                Diagnostics.Add(new SourceDiagnostic("warning", $"defined again (first at {existing.Where}); this definition wins", file, document, node.Line, node.Column, objectName));
            }
            else
            {
                _order.Add(key);
            }

            _objects[key] = (obj, where);
        }

        private string? Text(ManifestMapping obj, string key, string file, int document, string path)
        {
            var node = obj.Get(key);
            switch (node)
            {
                case null:
                    return null;
                case ManifestScalar s when !ManifestScalarTyping.IsNull(s.Value):
                    return s.Value;
                case ManifestScalar:
                    return null;
                default:
                    Diagnostics.Add(new SourceDiagnostic("error", $"{key} must be a string, found {node.Describe()}", file, document, node.Line, node.Column, null, path + key));
                    return null;
            }
        }

        private static string GroupOf(ManifestMapping obj)
        {
            var apiVersion = (obj.Get("apiVersion") as ManifestScalar)?.Value ?? "";
            var slash = apiVersion.IndexOf('/');
            return slash < 0 ? "" : apiVersion[..slash];
        }

        private static string? NameOf(ManifestMapping obj) =>
            obj.Get("metadata") is ManifestMapping meta && meta.Get("name") is ManifestScalar name ? name.Value : null;

        private static string Describe(string kind, ManifestMapping obj)
        {
            var meta = obj.Get("metadata") as ManifestMapping;
            var name = (meta?.Get("name") as ManifestScalar)?.Value ?? "?";
            var ns = (meta?.Get("namespace") as ManifestScalar)?.Value;
            if (string.IsNullOrEmpty(ns) && !ManifestObjectConverter.IsClusterScoped(kind) && ManifestObjectConverter.IsSupported(GroupOf(obj), kind))
            {
                ns = "default";
            }

            return string.IsNullOrEmpty(ns) || ManifestObjectConverter.IsClusterScoped(kind) ? $"{kind} {name}" : $"{kind} {ns}/{name}";
        }

        public ManifestLoadResult Result()
        {
            var objects = _order.Select(k => _objects[k].Object).ToList();
            // A Service's endpoints come from slices when any exist (what the live source prefers); core/v1 Endpoints for it would double-count.
            var withSlices = objects.OfType<EndpointSetInfo>().Where(e => e.SourceKind == "EndpointSlice").Select(e => (e.Namespace, e.ServiceName)).ToHashSet();
            objects.RemoveAll(o => o is EndpointSetInfo { SourceKind: "Endpoints" } e && withSlices.Contains((e.Namespace, e.ServiceName)));
            // Reading order puts syntax errors before the object errors of earlier documents; report in file/document/line order.
            var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var d in Diagnostics)
            {
                fileOrder.TryAdd(d.File ?? "", fileOrder.Count);
            }

            var ordered = Diagnostics.OrderBy(d => fileOrder[d.File ?? ""]).ThenBy(d => d.Document ?? 0).ThenBy(d => d.Line ?? 0);
            return new ManifestLoadResult([.. objects], [.. ordered]);
        }

        private sealed class Skipped
        {
            public int Count { get; set; }

            public int Document { get; init; }

            public int Line { get; init; }

            public string? Object { get; init; }
        }
    }
}
