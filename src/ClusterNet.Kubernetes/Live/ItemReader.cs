using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Decodes one object straight from its UTF-8 JSON (a list item or a watch event's object) into a Core record, without
/// a document of it; <paramref name="key"/> is its metadata namespace/name for messages (null when it has no name).
/// Throws like <see cref="ResourceTarget.Convert"/> when the object cannot be represented.
/// </summary>
internal delegate IClusterObject ItemReader(ReadOnlySpan<byte> json, ICollection<SourceDiagnostic> diagnostics, out ObjectKey? key);
