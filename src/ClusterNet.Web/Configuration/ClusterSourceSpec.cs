namespace ClusterNet.Web.Configuration;

/// <summary>A parsed <c>Cluster:Source</c> value: the type and, for <c>file:PATH</c>, the path.</summary>
public sealed record ClusterSourceSpec(string Type, string? Path = null)
{
    public const string Accepted = "demo, kubeconfig, incluster or file:PATH";

    /// <summary>Parses a non-empty Cluster:Source value; returns an error message naming the value otherwise.</summary>
    public static bool TryParse(string text, out ClusterSourceSpec? spec, out string? error)
    {
        spec = null;
        error = null;
        var value = text.Trim();
        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = value["file:".Length..].Trim();
            if (path.Length == 0)
            {
                error = "Cluster:Source 'file:' needs a path, e.g. --Cluster:Source=file:./dump.yaml";
                return false;
            }

            spec = new ClusterSourceSpec(ClusterSourceType.File, path);
            return true;
        }

        switch (value.ToLowerInvariant())
        {
            case ClusterSourceType.Demo:
            case ClusterSourceType.Kubeconfig:
            case ClusterSourceType.InCluster:
                spec = new ClusterSourceSpec(value.ToLowerInvariant());
                return true;
            default:
                error = $"Cluster:Source '{text}' is not one of {Accepted}";
                return false;
        }
    }

    /// <summary>
    /// The source to use: the configured one, or when none is configured incluster inside a pod with a
    /// service account and the demo cluster everywhere else.
    /// </summary>
    public static ClusterSourceSpec Resolve(string? configured, InClusterEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return environment.IsAvailable ? new ClusterSourceSpec(ClusterSourceType.InCluster) : new ClusterSourceSpec(ClusterSourceType.Demo);
        }

        return TryParse(configured, out var spec, out var error) ? spec! : throw new InvalidOperationException(error);
    }
}
