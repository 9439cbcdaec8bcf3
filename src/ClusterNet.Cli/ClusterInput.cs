using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;
using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Cli;

/// <summary>
/// The one place a command gets its cluster from: manifests when <see cref="ClusterInputOptions.Manifests"/> is set
/// (a file, a directory, or <c>-</c> for stdin, as <c>kubectl apply -f</c>), else one read of the live cluster the
/// kubeconfig points at. Problems that leave part of the cluster unread (a forbidden kind, a bad document) are in
/// <see cref="ClusterSnapshot.Diagnostics"/> for the command to print; only input that cannot be read at all throws
/// <see cref="CliUsageException"/> (exit code 2).
/// </summary>
public static class ClusterInput
{
    public static async Task<ClusterSnapshot> LoadAsync(ClusterInputOptions options, TextReader stdin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdin);
        if (options.Manifests is { } manifests)
        {
            if (options.Kubeconfig is not null || options.Context is not null)
            {
                throw new CliUsageException("--manifests reads files; --kubeconfig and --context read a live cluster: pass one or the other");
            }

            return LoadManifests(manifests, options.Recursive, options.Namespace, stdin);
        }

        var path = KubeconfigLoader.ResolvePath(options.Kubeconfig, options.GetEnvironmentVariable, options.Home);
        k8s.KubernetesClientConfiguration config;
        try
        {
            config = KubeconfigLoader.Load(path, options.Context);
        }
        catch (KubeconfigException e)
        {
            throw new CliUsageException(e.Message + " (or read manifests with --manifests PATH)");
        }

        LiveSourceOptions live;
        try
        {
            live = new LiveSourceOptions { Namespace = options.Namespace, Kinds = options.Kinds, RequestTimeout = options.RequestTimeout };
            live.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }

        var info = new SourceInfo("kubeconfig", config.CurrentContext ?? options.Context ?? config.Host);
        var snapshot = await LiveSnapshotReader.ReadAsync(config, info, live, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (snapshot.Connection == ConnectionState.Disconnected && snapshot.Kinds.Values.All(k => k.State != KindState.Synced))
        {
            // Nothing was read: an empty cluster would make every analysis silently wrong.
            throw new CliUsageException($"{snapshot.ConnectionMessage} (context '{info.Name}' of kubeconfig '{path}')");
        }

        return snapshot;
    }

    private static ClusterSnapshot LoadManifests(string manifests, bool recursive, string? ns, TextReader stdin)
    {
        ManifestLoadResult loaded;
        string name;
        if (manifests == "-")
        {
            loaded = ManifestLoader.LoadReader(stdin);
            name = ManifestLoader.StdinName;
        }
        else if (File.Exists(manifests) || Directory.Exists(manifests))
        {
            loaded = ManifestLoader.LoadPath(manifests, recursive);
            name = manifests;
        }
        else
        {
            throw new CliUsageException($"--manifests: no such file or directory: {manifests}");
        }

        if (ns is not null)
        {
            // -n means the same for files as for a live cluster: namespaced objects of that namespace only.
            loaded = loaded with { Objects = [.. loaded.Objects.Where(o => o.Key.Namespace.Length == 0 || o.Key.Namespace == ns)] };
        }

        return loaded.ToSnapshot(new SourceInfo("file", name));
    }
}
