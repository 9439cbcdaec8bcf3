using System.Text;
using System.Text.Json;

namespace ClusterNet.Web.Configuration;

/// <summary>
/// What the pod environment says about running in-cluster: KUBERNETES_SERVICE_HOST plus a mounted
/// service-account token. Functions are injectable so tests need neither a pod nor files.
/// </summary>
public sealed class InClusterEnvironment(Func<string, string?> getEnvironmentVariable, Func<string, string?> readFile)
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";
    public const string TokenPath = ServiceAccountDirectory + "/token";
    public const string NamespacePath = ServiceAccountDirectory + "/namespace";

    public static InClusterEnvironment System { get; } = new(Environment.GetEnvironmentVariable, ReadFileOrNull);

    public bool IsAvailable =>
        !string.IsNullOrEmpty(getEnvironmentVariable("KUBERNETES_SERVICE_HOST")) && !string.IsNullOrEmpty(readFile(TokenPath));

    /// <summary>
    /// The service account the pod runs as (system:serviceaccount:NS:NAME), read from the token's unverified
    /// "sub" claim, for the <c>kubectl auth can-i --as=...</c> hint; null when unknown.
    /// </summary>
    public string? ServiceAccountUser()
    {
        var token = readFile(TokenPath);
        var parts = token?.Trim().Split('.');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return doc.RootElement.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static string? ReadFileOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
