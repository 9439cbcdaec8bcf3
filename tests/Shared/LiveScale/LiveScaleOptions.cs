namespace ClusterNet.Testing.LiveScale;

/// <summary>
/// Size and knobs of one live-scale run: what is created in the control plane (nodes, namespaces of
/// <see cref="PodsPerNamespace"/> pods, NetworkPolicies), how many single-pod changes are timed, and whether an open
/// browser page is watched too.
/// </summary>
public sealed record LiveScaleOptions
{
    public int Pods { get; init; } = 10_000;

    public int Nodes { get; init; } = 100;

    public int Policies { get; init; } = 2_000;

    public int PodsPerNamespace { get; init; } = 50;

    /// <summary>Pods created one at a time after ready, each timed until /api/snapshot (and the page) shows it.</summary>
    public int Changes { get; init; } = 10;

    /// <summary>Watch the change in an open browser page (Playwright driving Debian's chromium).</summary>
    public bool Browser { get; init; } = true;

    /// <summary>Parallel requests while populating the control plane.</summary>
    public int Concurrency { get; init; } = 48;

    /// <summary>Path of ClusterNet.Web.dll (a Release build for figures).</summary>
    public required string AppDll { get; init; }

    public int Namespaces => Math.Max(1, (Pods + PodsPerNamespace - 1) / PodsPerNamespace);
}
