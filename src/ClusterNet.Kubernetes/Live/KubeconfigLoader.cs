using k8s;
using k8s.Exceptions;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Finds and opens a kubeconfig the way kubectl users expect: an explicit path, else the first file in $KUBECONFIG,
/// else ~/.kube/config; a named context or the current one. Errors say which file and context, never a stack trace.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>The kubeconfig file to read.</summary>
    public static string ResolvePath(string? explicitPath, Func<string, string?>? getEnvironmentVariable = null, string? home = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        // kubectl merges every file in KUBECONFIG; the first one holds the current context in the common case.
        var fromEnv = getEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return fromEnv ?? Path.Combine(home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    /// <summary>Client configuration of <paramref name="context"/> (or the current context) in <paramref name="path"/>.</summary>
    /// <exception cref="KubeconfigException">the file is missing, unreadable, or has no such context.</exception>
    public static KubernetesClientConfiguration Load(string path, string? context)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new KubeconfigException($"kubeconfig file '{path}' does not exist; pass --kubeconfig PATH or set KUBECONFIG");
        }

        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, string.IsNullOrWhiteSpace(context) ? null : context);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or InvalidOperationException or ArgumentException or FormatException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            var which = string.IsNullOrWhiteSpace(context) ? "its current context" : $"context '{context}'";
            throw new KubeconfigException($"cannot use {which} of kubeconfig '{path}': {e.Message}", e);
        }
    }
}
