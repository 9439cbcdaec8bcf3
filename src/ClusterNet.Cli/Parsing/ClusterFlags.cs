namespace ClusterNet.Cli.Parsing;

/// <summary>The flags of every command that reads a cluster: manifests (with -R and - for stdin) or the live cluster.</summary>
public static class ClusterFlags
{
    public static readonly CliFlag Manifests = CliFlag.Value("manifests", "PATH|-", "read manifests instead of the live cluster: a file, a directory or - for stdin (what kubectl apply -f takes)");
    public static readonly CliFlag Recursive = CliFlag.Switch("recursive", "with --manifests DIR, read its subdirectories too (kubectl's -R)", "-R");
    public static readonly CliFlag Kubeconfig = CliFlag.Value("kubeconfig", "PATH", "kubeconfig of the live cluster (default $KUBECONFIG, then ~/.kube/config)");
    public static readonly CliFlag Context = CliFlag.Value("context", "NAME", "kubeconfig context to use (default its current context)");
    public static readonly CliFlag Namespace = CliFlag.Value("namespace", "NS", "namespaced objects of this namespace only (nodes and namespaces are still read)", "-n");

    public static readonly IReadOnlyList<CliFlag> All = [Manifests, Recursive, Kubeconfig, Context, Namespace];
}
