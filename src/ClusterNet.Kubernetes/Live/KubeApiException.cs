using System.Net;
using System.Text.Json;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// The API server answered with an error: an HTTP status, or an ERROR event inside a watch stream.
/// Carries the metav1.Status reason and message so kind statuses can show the server's own words.
/// </summary>
internal sealed class KubeApiException : Exception
{
    public KubeApiException(int code, string? reason, string message, string path)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Path = path;
    }

    public int Code { get; }

    /// <summary>metav1.Status reason (Forbidden, NotFound, Expired, Gone, ...), when the server sent one.</summary>
    public string? Reason { get; }

    public string Path { get; }

    /// <summary>410 Gone or reason Expired: the resourceVersion or continue token is too old; only a fresh list helps.</summary>
    public bool IsExpired => Code == (int)HttpStatusCode.Gone || Reason is "Expired" or "Gone";

    public static KubeApiException FromStatusBody(int httpCode, string? body, string path)
    {
        var (code, reason, message) = ParseStatus(body);
        if (code is null or 0)
        {
            code = httpCode;
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            message = $"HTTP {httpCode} {(HttpStatusCode)httpCode} from {path}" + (string.IsNullOrWhiteSpace(body) ? "" : $": {Truncate(body!)}");
        }

        return new KubeApiException(code.Value, reason, message, path);
    }

    public static KubeApiException FromStatusObject(JsonElement status, string path)
    {
        var code = status.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 500;
        var reason = status.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var message = status.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return new KubeApiException(code, reason, string.IsNullOrWhiteSpace(message) ? $"watch ERROR event (code {code}, reason {reason ?? "none"})" : message, path);
    }

    private static (int? Code, string? Reason, string? Message) ParseStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, reason, message);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string Truncate(string s) => s.Length <= 300 ? s.Trim() : s[..300].Trim() + "…";
}
