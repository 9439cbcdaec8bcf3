namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// One list/watch loop feeding a kind. Most kinds have one; ConfigMaps have one per analysed name.
/// <see cref="Candidates"/> are ordered by preference (EndpointSlice v1, v1beta1, then core/v1 Endpoints): the first
/// one discovery says is served wins; when discovery cannot tell, the last (most widely served) one is tried.
/// </summary>
internal sealed record WatchStreamSpec(string Kind, string Name, IReadOnlyList<ResourceTarget> Candidates)
{
    /// <summary>True when this stream is the only one feeding <see cref="Kind"/>, so a relist may replace the whole kind.</summary>
    public bool SoleOwner { get; init; } = true;
}
