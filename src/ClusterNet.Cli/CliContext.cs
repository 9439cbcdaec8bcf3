using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Cli;

/// <summary>
/// What a command runs against: its output streams, standard input (for <c>--manifests -</c>), the environment and
/// home directory (for the kubeconfig), and how manifest paths are read. Tests replace any of them.
/// </summary>
public sealed record CliContext
{
    public required TextWriter Stdout { get; init; }

    public required TextWriter Stderr { get; init; }

    public TextReader Stdin { get; init; } = TextReader.Null;

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Home directory for ~/.kube/config; null is the user's profile.</summary>
    public string? Home { get; init; }

    /// <summary>
    /// Reads a manifest path (a file or directory; recursive or not); throws <see cref="FileNotFoundException"/> when
    /// there is nothing at the path. Tests map names to objects built in C#.
    /// </summary>
    public Func<string, bool, ManifestLoadResult> ReadManifests { get; init; } = ReadFromDisk;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public CancellationToken CancellationToken { get; init; }

    public static CliContext Console() => new()
    {
        Stdout = System.Console.Out,
        Stderr = System.Console.Error,
        Stdin = System.Console.In,
    };

    private static ManifestLoadResult ReadFromDisk(string path, bool recursive) =>
        File.Exists(path) || Directory.Exists(path) ? ManifestLoader.LoadPath(path, recursive) : throw new FileNotFoundException(path);
}
