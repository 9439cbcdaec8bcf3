using System.Text.Json;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// A list response's metadata: where a watch resumes, the continue token of the next page (null on the last page; an
/// empty token means none too), and how many items the server still has after this page when it says so.
/// </summary>
internal readonly record struct ListMetadata(string? ResourceVersion, string? Continue, long? RemainingItemCount)
{
    /// <summary>Reads the metadata object (complete UTF-8 JSON); fields of another type are treated as absent.</summary>
    public static ListMetadata Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? resourceVersion = null, continueToken = null;
        long? remaining = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resourceVersion"u8))
            {
                reader.Read();
                resourceVersion = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("continue"u8))
            {
                reader.Read();
                continueToken = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("remainingItemCount"u8))
            {
                reader.Read();
                remaining = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ListMetadata(resourceVersion, string.IsNullOrEmpty(continueToken) ? null : continueToken, remaining);
    }
}
