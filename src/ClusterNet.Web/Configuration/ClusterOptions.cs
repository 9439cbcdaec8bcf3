namespace ClusterNet.Web.Configuration;

/// <summary>
/// The "Cluster" configuration section: which source to read and how often to publish.
/// Bound once at start-up and validated by <see cref="ClusterOptionsValidator"/>.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>demo, kubeconfig, incluster or file:PATH; empty means auto (incluster in a pod with a service account, else demo).</summary>
    public string? Source { get; set; }

    /// <summary>kubeconfig file for Source=kubeconfig; empty means KUBECONFIG or ~/.kube/config.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>kubeconfig context for Source=kubeconfig; empty means the current context.</summary>
    public string? Context { get; set; }

    /// <summary>How long the live source coalesces watch events into one snapshot.</summary>
    public int CoalesceMilliseconds { get; set; } = 200;

    /// <summary>How often the demo cluster changes (a pod restarts, a deployment scales).</summary>
    public double DemoChangeIntervalSeconds { get; set; } = 5;

    /// <summary>How long the UI gathers snapshot changes before re-rendering (a rollout costs a few renders, not hundreds).</summary>
    public int UiBatchMilliseconds { get; set; } = 150;
}
