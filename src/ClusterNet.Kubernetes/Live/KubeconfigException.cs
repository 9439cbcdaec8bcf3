namespace ClusterNet.Kubernetes.Live;

/// <summary>A kubeconfig cannot be used; the message names the file and context and is meant for the user.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
