using System.Buffers;
using System.Text.Json;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Reads one list response (<c>{"metadata": {...}, "items": [...]}</c>) as it arrives, without a document of the page:
/// a Utf8JsonReader walks the bytes buffer by buffer and hands each item over as the UTF-8 slice of its JSON once the
/// item is complete. The buffer grows to the largest single item, never to the page. The list's metadata is reported
/// as soon as it is read: the API server writes it before the items, so the caller can ask for the next page while
/// this one is still being read. Items that are not objects are handed over too (with their first token) so that the
/// caller reports them. Malformed JSON and a body that ends inside the list throw <see cref="JsonException"/> (as
/// the document parse did), a root that is not an object <see cref="WatchStreamException"/>.
/// </summary>
internal sealed class ListPageReader
{
    /// <summary>One item: its JSON (valid only during the call) and its first token (StartObject for a proper item).</summary>
    public delegate void ItemCallback(ReadOnlyMemory<byte> json, JsonTokenType first);

    private const int DefaultBufferSize = 64 * 1024;

    private readonly string _source;
    private readonly Action<ListMetadata>? _onMetadata;
    private readonly ItemCallback _onItem;
    private JsonReaderState _state;
    private Phase _phase;
    private ListMetadata _metadata;

    private ListPageReader(string source, Action<ListMetadata>? onMetadata, ItemCallback onItem)
    {
        _source = source;
        _onMetadata = onMetadata;
        _onItem = onItem;
    }

    private enum Phase
    {
        BeforeRoot,
        InRoot,
        InItems,
        Done,
    }

    /// <summary>
    /// Reads the whole response from <paramref name="stream"/>; returns its metadata (default when it has none).
    /// <paramref name="source"/> names the request in messages ("GET /api/v1/pods?limit=500").
    /// </summary>
    public static async Task<ListMetadata> ReadAsync(
        Stream stream,
        string source,
        Action<ListMetadata>? onMetadata,
        ItemCallback onItem,
        CancellationToken cancellationToken,
        int bufferSize = DefaultBufferSize)
    {
        var page = new ListPageReader(source, onMetadata, onItem);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            var filled = 0;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                filled += read;
                var final = read == 0;
                var consumed = page.Consume(buffer.AsMemory(0, filled), final);
                if (final)
                {
                    // A body that ends inside the list already made the reader throw (as a document parse would); this
                    // only guards the grammar above.
                    return page._phase == Phase.Done
                        ? page._metadata
                        : throw new WatchStreamException($"{source}: the response ended before the list was complete");
                }

                // Keep the unread tail (an incomplete token or item) at the front; grow when one item fills the buffer.
                filled -= consumed;
                if (filled > 0 && consumed > 0)
                {
                    buffer.AsSpan(consumed, filled).CopyTo(buffer);
                }

                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads as far as <paramref name="data"/> allows; returns how many bytes were used (the rest comes again with more).</summary>
    private int Consume(ReadOnlyMemory<byte> data, bool final)
    {
        var reader = new Utf8JsonReader(data.Span, final, _state);
        while (true)
        {
            var checkpoint = reader;
            if (!Step(ref reader, data))
            {
                // Incomplete (or the end): resume from before the unfinished step once more bytes arrived.
                reader = checkpoint;
                break;
            }
        }

        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>One step of the list's grammar; false when the data ends before the step is complete.</summary>
    private bool Step(ref Utf8JsonReader reader, ReadOnlyMemory<byte> data)
    {
        switch (_phase)
        {
            case Phase.BeforeRoot:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new WatchStreamException($"{_source}: expected a list object, got {ValueKind(reader.TokenType)}");
                }

                _phase = Phase.InRoot;
                return true;

            case Phase.InRoot:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.Done;
                    return true;
                }

                var items = reader.ValueTextEquals("items"u8);
                var metadata = !items && reader.ValueTextEquals("metadata"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (items && reader.TokenType == JsonTokenType.StartArray)
                {
                    _phase = Phase.InItems;
                    return true;
                }

                // Any other field (kind, apiVersion, an items that is not an array) is skipped whole.
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    return false;
                }

                if (metadata && reader.TokenType == JsonTokenType.EndObject)
                {
                    _metadata = ListMetadata.Parse(data.Span[start..(int)reader.BytesConsumed]);
                    _onMetadata?.Invoke(_metadata);
                }

                return true;

            case Phase.InItems:
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.InRoot;
                    return true;
                }

                var first = reader.TokenType;
                var itemStart = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    return false;
                }

                _onItem(data[itemStart..(int)reader.BytesConsumed], first);
                return true;

            default:
                // After the list's closing brace only white space may follow; the reader throws on anything else.
                return reader.Read();
        }
    }

    /// <summary>The JsonValueKind name of a value's first token, as messages about a parsed document would say it.</summary>
    internal static string ValueKind(JsonTokenType first) => first switch
    {
        JsonTokenType.StartObject => nameof(JsonValueKind.Object),
        JsonTokenType.StartArray => nameof(JsonValueKind.Array),
        JsonTokenType.String => nameof(JsonValueKind.String),
        JsonTokenType.Number => nameof(JsonValueKind.Number),
        JsonTokenType.True => nameof(JsonValueKind.True),
        JsonTokenType.False => nameof(JsonValueKind.False),
        JsonTokenType.Null => nameof(JsonValueKind.Null),
        _ => first.ToString(),
    };
}
