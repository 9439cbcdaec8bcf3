using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Queries;

/// <summary>
/// The Policies page's URL state: <c>probe</c> (PORT/PROTO), the namespace pair drilled into (<c>from</c>, <c>to</c>), the
/// pod cell explained (<c>cell=NS/POD&gt;NS/POD</c>) and the pod whose inbound/outbound peers are listed (<c>pod</c>).
/// A link is forgiving: a value that does not parse is ignored, as if absent.
/// </summary>
public sealed record ReachViewQuery
{
    public ReachProbe? Probe { get; init; }
    public string? FromNamespace { get; init; }
    public string? ToNamespace { get; init; }
    public ReachEndpoint? CellFrom { get; init; }
    public ReachEndpoint? CellTo { get; init; }
    public ObjectKey? Pod { get; init; }

    /// <summary>The <c>cell</c> parameter's value for a pod pair.</summary>
    public static string CellText(ObjectKey from, ObjectKey to) => $"{from}>{to}";
}
