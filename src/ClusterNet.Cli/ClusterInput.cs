using ClusterNet.Cli.Parsing;
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
            CheckManifestsAlone(options);
            var loaded = ReadManifests(manifests, options.Recursive, stdin, DiskReader);
            return FilterNamespace(loaded, options.Namespace).ToSnapshot(new SourceInfo("file", manifests == "-" ? ManifestLoader.StdinName : manifests));
        }

        return (await LoadLiveAsync(options, cancellationToken).ConfigureAwait(false)).Snapshot;
    }

    /// <summary>
    /// A command's cluster from its flags (<see cref="ClusterFlags"/>): manifests with the command's way of treating
    /// their problems, or the live cluster, where a <see cref="ClusterRead.Required"/> kind that could not be read is
    /// a usage error and any other unread kind a warning on stderr.
    /// </summary>
    public static async Task<LoadedCluster> LoadAsync(CliArgs args, CliContext context, ClusterRead read)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        var options = new ClusterInputOptions
        {
            Manifests = args.Get(ClusterFlags.Manifests.Name),
            Recursive = args.Has(ClusterFlags.Recursive.Name),
            Kubeconfig = args.Get(ClusterFlags.Kubeconfig.Name),
            Context = args.Get(ClusterFlags.Context.Name),
            Namespace = args.Get(ClusterFlags.Namespace.Name),
            Kinds = read.Kinds,
            RequestTimeout = context.RequestTimeout,
            GetEnvironmentVariable = context.GetEnvironmentVariable,
            Home = context.Home,
        };
        if (options.Manifests is { } manifests)
        {
            CheckManifestsAlone(options);
            var loaded = ReadManifests(manifests, options.Recursive, context.Stdin, context.ReadManifests);
            var name = manifests == "-" ? ManifestLoader.StdinName : manifests;
            Report(loaded, name, read.Problems, context.Stderr);
            return new LoadedCluster(FilterNamespace(loaded, options.Namespace).ToSnapshot(new SourceInfo("file", name)), name);
        }

        var (snapshot, where) = await LoadLiveAsync(options, context.CancellationToken).ConfigureAwait(false);
        var missing = read.Required.Where(k => snapshot.StatusOf(k).State != KindState.Synced).ToList();
        if (missing.Count > 0)
        {
            // Without these the answer would be wrong (no policies read looks like "everything allowed").
            var reasons = missing.Select(k => $"  {k}: {snapshot.StatusOf(k).StateName}{(snapshot.StatusOf(k).Message is { Length: > 0 } m ? $": {m}" : "")}");
            throw new CliUsageException($"could not read {string.Join(", ", missing)} from {where}; the answer needs {(missing.Count == 1 ? "it" : "them")} (ask for list on {(missing.Count == 1 ? "that kind" : "those kinds")}{(options.Namespace is null ? " in every namespace, or pass -n NAMESPACE" : $" in namespace {options.Namespace}")}, or read manifests with --manifests PATH)\n{string.Join("\n", reasons)}");
        }

        // A kind the server does not serve (Calico or Gateway API CRDs not installed) is an ordinary cluster, not a problem.
        foreach (var d in snapshot.Diagnostics.Where(d => d.Object is not { } kind || snapshot.StatusOf(kind).State != KindState.NotServed))
        {
            context.Stderr.WriteLine(d.ToString());
        }

        return new LoadedCluster(snapshot, where);
    }

    private static void CheckManifestsAlone(ClusterInputOptions options)
    {
        if (options.Kubeconfig is not null || options.Context is not null)
        {
            throw new CliUsageException("--manifests reads files; --kubeconfig and --context read a live cluster: pass one or the other");
        }
    }

    private static async Task<(ClusterSnapshot Snapshot, string Where)> LoadLiveAsync(ClusterInputOptions options, CancellationToken cancellationToken)
    {
        if (options.Recursive)
        {
            throw new CliUsageException("-R reads subdirectories of --manifests DIR; without --manifests there is no directory");
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
        var where = $"context '{info.Name}' of kubeconfig '{path}'";
        var snapshot = await LiveSnapshotReader.ReadAsync(config, info, live, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (snapshot.Connection == ConnectionState.Disconnected && snapshot.Kinds.Values.All(k => k.State != KindState.Synced))
        {
            // Nothing was read: an empty cluster would make every analysis silently wrong.
            throw new CliUsageException($"{snapshot.ConnectionMessage} ({where})");
        }

        return (snapshot, where);
    }

    private static ManifestLoadResult DiskReader(string path, bool recursive) =>
        File.Exists(path) || Directory.Exists(path) ? ManifestLoader.LoadPath(path, recursive) : throw new FileNotFoundException(path);

    private static ManifestLoadResult ReadManifests(string manifests, bool recursive, TextReader stdin, Func<string, bool, ManifestLoadResult> reader)
    {
        if (manifests == "-")
        {
            return ManifestLoader.LoadReader(stdin);
        }

        try
        {
            return reader(manifests, recursive);
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"--manifests {manifests}: no such file or directory");
        }
    }

    private static void Report(ManifestLoadResult loaded, string name, ManifestProblems problems, TextWriter stderr)
    {
        if (problems == ManifestProblems.PrintAll)
        {
            foreach (var d in loaded.Diagnostics)
            {
                stderr.WriteLine(d.ToString());
            }
        }
        else
        {
            if (problems == ManifestProblems.WarnThenFailOnErrors)
            {
                foreach (var d in loaded.Diagnostics.Where(d => d.Severity != "error"))
                {
                    stderr.WriteLine(d.ToString());
                }
            }

            if (loaded.HasErrors)
            {
                throw new CliUsageException($"--manifests {name}: invalid input\n" + string.Join("\n", loaded.Diagnostics.Where(d => d.Severity == "error").Select(d => "  " + d)));
            }
        }

        if (loaded.Objects.IsEmpty && !loaded.Diagnostics.IsEmpty)
        {
            // Files skipped with a note are fine next to usable ones; when nothing usable is left the answer would be
            // about an empty cluster, so say so and exit 2.
            throw new CliUsageException($"--manifests {name}: no Kubernetes object was read" +
                (problems == ManifestProblems.FailOnErrorsQuietly ? "\n" + string.Join("\n", loaded.Diagnostics.Select(d => "  " + d)) : " (see the notes above)"));
        }
    }

    private static ManifestLoadResult FilterNamespace(ManifestLoadResult loaded, string? ns) =>
        ns is null
            // -n means the same for files as for a live cluster: namespaced objects of that namespace only.
            ? loaded
            : loaded with { Objects = [.. loaded.Objects.Where(o => o.Key.Namespace.Length == 0 || o.Key.Namespace == ns)] };
}
