using System.Buffers;
using System.Text.Json;

namespace ClusterNet.Kubernetes.Files;

/// <summary>
/// Writes a <see cref="ManifestNode"/> object as JSON for KubernetesClient's deserializer, leaving out fields
/// that were rejected on an earlier attempt and subtrees ClusterNet never reads (managedFields, resource
/// quantities, node images), and writing plain scalars as strings once the target type showed it wants a string.
/// </summary>
internal sealed class ManifestJsonWriter
{
    /// <summary>Keys whose object/list values no analyzer reads; dropping them avoids irrelevant errors and speeds up large dumps.</summary>
    private static readonly HashSet<string> PrunedKeys = new(StringComparer.Ordinal)
    {
        "managedFields", "resources", "capacity", "allocatable", "overhead", "allocatedResources", "images", "volumeClaimTemplates",
    };

    public HashSet<ManifestNode> Removed { get; } = new(ReferenceEqualityComparer.Instance);

    public HashSet<ManifestNode> AsString { get; } = new(ReferenceEqualityComparer.Instance);

    public byte[] Write(ManifestNode root)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = ManifestLimits.MaxDepth + 8 }))
        {
            WriteNode(writer, root);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public bool IsVisible(ManifestEntry entry) =>
        !Removed.Contains(entry.Value) && !(PrunedKeys.Contains(entry.Key) && entry.Value is not ManifestScalar) &&
        // Dropped before it is ever deserialized: it can hold a manifest's literal secrets (see KubeModelMapper).
        entry.Key != Conversion.KubeModelMapper.LastAppliedAnnotation;

    private void WriteNode(Utf8JsonWriter writer, ManifestNode node)
    {
        switch (node)
        {
            case ManifestMapping mapping:
                writer.WriteStartObject();
                // Each key appears once in a mapping (a repeated key replaced the earlier value).
                foreach (var entry in mapping.Entries)
                {
                    if (IsVisible(entry))
                    {
                        writer.WritePropertyName(entry.Key);
                        WriteNode(writer, entry.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case ManifestSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    if (!Removed.Contains(item))
                    {
                        WriteNode(writer, item);
                    }
                }

                writer.WriteEndArray();
                break;
            case ManifestScalar scalar:
                WriteScalar(writer, scalar);
                break;
        }
    }

    private void WriteScalar(Utf8JsonWriter writer, ManifestScalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Kind == ManifestScalarKind.String || AsString.Contains(scalar))
        {
            writer.WriteStringValue(value);
        }
        else if (ManifestScalarTyping.IsNull(value))
        {
            writer.WriteNullValue();
        }
        else if (ManifestScalarTyping.Bool(value) is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else if (ManifestScalarTyping.TryInteger(value, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (ManifestScalarTyping.TryFloat(value, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>
    /// Follows a field path over what <see cref="Write"/> emitted (indexes skip removed items) and returns the deepest
    /// node reached with the readable path to it.
    /// </summary>
    public (ManifestNode Node, string Field, ManifestNode Parent) Resolve(ManifestNode root, string? path)
    {
        var segments = ManifestFieldPath.Parse(path);
        var node = root;
        var parent = root;
        var walked = new List<object>(segments.Count);
        foreach (var segment in segments)
        {
            ManifestNode? next = null;
            if (node is ManifestMapping mapping)
            {
                var key = segment.ToString()!;
                foreach (var entry in mapping.Entries)
                {
                    if (entry.Key == key && IsVisible(entry))
                    {
                        next = entry.Value;
                        break;
                    }
                }
            }
            else if (node is ManifestSequence sequence && segment is int index)
            {
                var seen = -1;
                foreach (var item in sequence.Items)
                {
                    if (!Removed.Contains(item) && ++seen == index)
                    {
                        next = item;
                        break;
                    }
                }
            }

            if (next is null)
            {
                break;
            }

            walked.Add(segment);
            parent = node;
            node = next;
        }

        return (node, ManifestFieldPath.Format(walked), parent);
    }
}
